import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import type { StrictArgTypes, StrictInputType } from 'storybook/internal/types';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import { html } from 'lit';
import manifest from '../../packages/components/custom-elements.json' with { type: 'json' };
import { recordedApi } from '../mocks/api.js';

interface Declaration {
  tagName?: string;
  attributes?: { name: string; fieldName?: string }[];
  members?: { name: string; attribute?: string }[];
}
interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

// Autodocs and controls from the components' Custom Elements Manifest. A property
// that mirrors an attribute is listed once, under its attribute name.
setCustomElementsManifest({
  ...manifest,
  modules: (manifest as Manifest).modules.map((module) => ({
    ...module,
    declarations: module.declarations?.map((declaration) => ({
      ...declaration,
      members: declaration.members?.filter((member) => !member.attribute),
    })),
  })),
});

/** Controls from the manifest's type texts: a union of string literals is a radio, number and boolean their own. */
function controlsFromTypes(argTypes: StrictArgTypes): StrictArgTypes {
  const out: StrictArgTypes = {};
  for (const [name, argType] of Object.entries(argTypes) as [string, StrictInputType][]) {
    const category = argType.table?.category;
    const type = String(argType.table?.type?.summary ?? '').replace(/\s*\|\s*undefined$/, '');
    let control: Partial<StrictInputType> = {};
    if (category === 'attributes' || category === 'properties') {
      const literals = type.split('|').map((part) => part.trim());
      if (literals.length > 1 && literals.every((part) => /^'[^']*'$/.test(part))) {
        control = { control: { type: 'inline-radio' }, options: literals.map((part) => part.slice(1, -1)) };
      } else if (type === 'number') control = { control: { type: 'number' } };
      else if (type === 'boolean') control = { control: { type: 'boolean' } };
      else if (type === 'string') control = { control: { type: 'text' } };
      else control = { control: false };
    }
    // An event's action is logged under its own name (`gk-load`), not the `onGkLoad` arg.
    const action = (argType.action as { name?: string } | undefined)?.name;
    out[name] = {
      ...argType,
      ...control,
      ...(argType.control !== undefined ? { control: argType.control } : {}),
      ...(action ? { action } : {}),
    };
  }
  return out;
}

// Each `gk-*` event of the story's component goes to the Actions panel (the manifest's events become `on…` action args).
const listening = new WeakMap<HTMLElement, () => void>();

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    // Each story on a docs page in its own iframe: its msw handlers (a failure, a dropped network) stay its own.
    docs: { story: { inline: false, iframeHeight: 420 } },
    // Descriptions and defaults from the manifest beside each control.
    controls: { expanded: true },
  },
  argTypesEnhancers: [(context) => controlsFromTypes(context.argTypes)],
  globalTypes: {
    locale: {
      description: 'Language (the widgets follow lang)',
      toolbar: { title: 'Language', icon: 'globe', items: ['zh-CN', 'zh-TW', 'en'], dynamicTitle: true },
    },
    theme: {
      description: 'Theme',
      toolbar: { title: 'Theme', icon: 'contrast', items: ['light', 'dark', 'high-contrast'], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'zh-CN', theme: 'light' },
  // Every request to /api/v1 is answered by msw (mocks/api.ts) before any story renders.
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker(...recordedApi);
      await worker.start({
        quiet: true,
        serviceWorker: { url: './mockServiceWorker.js', options: { scope: './' } },
        onUnhandledRequest: (request, print) => {
          if (new URL(request.url).pathname.includes('/api/v1/')) print.error();
        },
      });
      return worker;
    }),
  ],
  decorators: [
    (story, context) => {
      const root = context.canvasElement as HTMLElement;
      listening.get(root)?.();
      const stops = Object.entries(context.argTypes).flatMap(([name, argType]) => {
        const event = typeof argType.action === 'string' ? argType.action : undefined;
        const handler = context.args[name];
        if (!event || typeof handler !== 'function') return [];
        const listener = (e: Event) => handler((e as CustomEvent).detail);
        root.addEventListener(event, listener);
        return [() => root.removeEventListener(event, listener)];
      });
      listening.set(root, () => stops.forEach((stop) => stop()));
      return story();
    },
    (story, context) => {
      // The widgets follow `lang` on <html>; the background follows the theme.
      document.documentElement.lang = context.globals.locale;
      return html`<div
        lang=${context.globals.locale}
        data-theme=${context.globals.theme}
        style="padding: 1rem; background: ${context.globals.theme === 'light' ? '#eef1f5' : '#0b0d10'}"
      >
        ${story()}
      </div>`;
    },
  ],
};

export default preview;
