import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';

/** Language and theme from the toolbar, for every story. */
const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Language (the widgets follow lang)',
      toolbar: { title: 'Language', items: ['zh-CN', 'zh-TW', 'en'], dynamicTitle: true },
    },
    theme: {
      description: 'Theme',
      toolbar: { title: 'Theme', items: ['light', 'dark', 'high-contrast'], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'zh-CN', theme: 'light' },
  decorators: [
    (story, context) =>
      html`<div
        lang=${context.globals.locale}
        data-theme=${context.globals.theme}
        style="padding: 1rem; background: ${context.globals.theme === 'light' ? '#eef1f5' : '#0b0d10'}"
      >
        ${story()}
      </div>`,
  ],
};

export default preview;
