import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  // msw's service worker, copied there by scripts/fixtures.mjs with the recorded answers.
  staticDirs: ['../generated/static'],
  core: { disableTelemetry: true },
};

export default config;
