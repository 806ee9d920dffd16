/**
 * The designed states every data widget shares — loading, server failing
 * (with the request id and a retry), server unreachable, offline, not found,
 * not set up by the page, empty, and data kept through a failed refresh
 * (stale-while-error) — as one suite that each
 * widget's test file runs (the way Shoelace and Lion share suites between
 * components), instead of a copy per widget.
 *
 * Every state comes from the real mock server: a request held back, its
 * `X-Gridkit-Fault: status=503` header, a fetch with no network, an id it does
 * not know, a period with no cases. Assertions read what a user sees.
 */
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
// Real key presses through Playwright (trusted events).
import { sendKeys } from '@web/test-runner-commands';
import type { GridkitClient } from '@gridkit/sdk';
import '../define/provider.js';
import type { GkProvider } from '../provider/provider.js';
import { testServer } from './server.js';
import { failingClient, gatedClient, switchableClient, unreachableClient } from './clients.js';
import { goOffline, hideTab } from './network.js';
import { captureConsoleWarnings } from './console-warnings.js';

type Attributes = Record<string, string>;
/** Attributes, or a promise of them when the data must be made first (a case to track). */
type AttributesSource = Attributes | (() => Promise<Attributes>);

interface DesignedStatesSuiteOptions {
  /** The registered tag; the test file imports its `define` module. */
  tag: string;
  /** The widget's attributes when it has something to load; the suite gives it the client. */
  attributes?: AttributesSource;
  /** Attributes of the `<gk-provider>` that carries the suite's client (such as `grid-id`). */
  providerAttributes?: Attributes;
  /** A staff token, for a widget that shows nothing but a sign-in without one. */
  token?: string;
  /** The widget shows its data: where a released request and a working retry lead. */
  ready: { what: string; when: (root: ShadowRoot) => boolean };
  /** An id the server does not know, and what the widget then says; no retry, trying again cannot help. */
  notFound?: { attributes: Attributes; text: string };
  /** A query with nothing in it, the designed empty state's words, and what else the widget must show. */
  empty?: { attributes: AttributesSource; text: string; check?: (el: HTMLElement) => void | Promise<void> };
  /**
   * A read widget (loads through StaleWhileErrorController and has `refresh`):
   * also checks reloading when the network is back, backoff, stale-while-error,
   * no work in a hidden tab, and the page's developer told what is missing.
   */
  readWidget?: boolean;
  /** The widget shows one grid: without a `grid-id` anywhere it says so to the page's developer. */
  needsGrid?: boolean;
}

const timeout = 8000;
const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => shadow(el).textContent!.replace(/\s+/g, ' ');
const resolve = async (source: AttributesSource | undefined) =>
  typeof source === 'function' ? source() : (source ?? {});

function create(tag: string, attributes: Attributes): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

/** The state box a failed load shows (`role="alert"`), once it is there. */
async function alertOf(el: HTMLElement): Promise<HTMLElement> {
  await waitUntil(() => shadow(el).querySelector('[part="state"][role="alert"]'), 'no error state', { timeout });
  return shadow(el).querySelector<HTMLElement>('[part="state"][role="alert"]')!;
}

export function runDesignedStatesSuite(options: DesignedStatesSuiteOptions): void {
  const { tag, ready } = options;

  /** The widget inside a provider that hands it `client`; `watch` listens before the first request goes out. */
  async function inProvider(client: GridkitClient, attributes: Attributes, watch?: (el: HTMLElement) => void) {
    const el = create(tag, attributes);
    watch?.(el);
    const provider = create('gk-provider', options.providerAttributes ?? {}) as GkProvider;
    provider.client = client;
    provider.append(el);
    await fixture(provider);
    return el;
  }

  /** The widget with its own `base-url`: the healthy mock server. */
  async function alone(attributes: Attributes) {
    return fixture<HTMLElement>(create(tag, { 'base-url': testServer.apiUrl, ...attributes }));
  }

  const untilReady = (el: HTMLElement, message: string) =>
    waitUntil(() => ready.when(shadow(el)), `${message}: ${ready.what} not shown`, { timeout });

  describe(`<${tag}> designed states`, () => {
    it('shows a loading state first, then the data', async () => {
      const { client, release } = gatedClient({ token: options.token });
      const el = await inProvider(client, await resolve(options.attributes));
      await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      const status = shadow(el).querySelector('[part="state"][role="status"]');
      expect(status, 'no loading state').not.to.equal(null);
      expect(status!.textContent).to.include('正在加载');
      expect(status!.getAttribute('aria-live')).to.equal('polite');
      await expect(el).to.be.accessible();
      release();
      await untilReady(el, 'after loading');
      // No state box (loading or error) is left, and the loading words are gone.
      expect(shadow(el).querySelector('[part="state"]')).to.equal(null);
      expect(text(el)).not.to.include('正在加载');
    });

    it('shows a server error with the request id and a retry that works, by keyboard', async () => {
      const { client, heal } = failingClient({ token: options.token });
      let error!: Promise<CustomEvent<{ error: Error }>>;
      const el = await inProvider(client, await resolve(options.attributes), (el) => {
        error = oneEvent(el, 'gk-error') as Promise<CustomEvent<{ error: Error }>>;
      });
      expect((await error).detail.error).to.have.property('status', 503);
      const alert = await alertOf(el);
      expect(alert.textContent).to.include('服务器出错');
      expect(alert.textContent).not.to.include('网络已断开');
      expect(alert.textContent).not.to.include('无法连接服务器');
      expect(alert.textContent).to.match(/请求编号 [0-9a-f-]{36}/);
      await expect(el).to.be.accessible();
      heal();
      const retry = shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!;
      expect(retry, 'no retry button').not.to.equal(null);
      retry.focus();
      expect(shadow(el).activeElement).to.equal(retry);
      await sendKeys({ press: 'Enter' });
      await untilReady(el, 'after the retry');
      expect(shadow(el).querySelector('[part="state"][role="alert"]')).to.equal(null);
    });

    it(`tells the user when the network is gone, in Chinese and English${options.readWidget ? ', and reloads when it is back' : ''}`, async () => {
      for (const [lang, words] of [
        ['zh-CN', '网络已断开'],
        ['en', 'You are offline'],
      ] as const) {
        const network = switchableClient({ token: options.token });
        network.set('offline');
        const online = goOffline();
        try {
          const el = await inProvider(network.client, { ...(await resolve(options.attributes)), lang });
          const alert = await alertOf(el);
          expect(alert.textContent, lang).to.include(words);
          expect(alert.querySelector('[part="retry"]'), `${lang}: no retry`).not.to.equal(null);
          await expect(el).to.be.accessible();
          if (!options.readWidget) continue;
          // Offline, nothing is retried on a timer: only the network coming back reloads.
          network.set('ok');
          online();
          await untilReady(el, `${lang}: after the online event`);
        } finally {
          online();
        }
      }
    });

    it('tells a server that does not answer apart from no network', async () => {
      const el = await inProvider(unreachableClient({ token: options.token }), await resolve(options.attributes));
      const alert = await alertOf(el);
      expect(alert.textContent).to.include('无法连接服务器');
      expect(alert.textContent).not.to.include('网络已断开');
      expect(alert.textContent).not.to.include('服务器出错');
      expect(alert.querySelector('[part="retry"]')).not.to.equal(null);
    });

    if (options.readWidget) {
      it('retries a failed load by itself, with backoff', async () => {
        const { client, heal } = failingClient({ token: options.token });
        const el = await inProvider(client, await resolve(options.attributes));
        await alertOf(el);
        const failedAt = Date.now();
        heal();
        await untilReady(el, 'no retry after the server healed');
        // The first retry waits about two seconds (±20%), not a tight loop.
        expect(Date.now() - failedAt).to.be.within(1200, 7000);
      });

      it('keeps the data through a failed refresh, marked politely, and catches up when the network is back', async () => {
        const network = switchableClient({ token: options.token });
        const el = await inProvider(network.client, { ...(await resolve(options.attributes)), refresh: '1' });
        await untilReady(el, 'first load');
        const marker = () => shadow(el).querySelector<HTMLElement>('[part="stale"]');
        expect(marker(), 'the live region is there before it is needed').not.to.equal(null);
        expect(marker()!.textContent!.trim()).to.equal('');

        // The server fails: the data stays, with when it was loaded and why it is not newer.
        network.set('failing');
        await waitUntil(() => marker()?.textContent?.includes('正在重新连接'), 'no stale marker', { timeout });
        expect(ready.when(shadow(el)), `${ready.what} kept`).to.equal(true);
        expect(marker()!.textContent).to.match(/数据更新于 \d{1,2}:\d{2} · 服务器出错/);
        expect(marker()!.getAttribute('role')).to.equal('status');
        expect(marker()!.getAttribute('aria-live')).to.equal('polite');
        expect(shadow(el).querySelector('[role="alert"], dialog'), 'no alarm, no modal').to.equal(null);
        await expect(el).to.be.accessible();

        // The network goes: the marker says so; it comes back: reloaded at once, marker gone.
        network.set('offline');
        const online = goOffline();
        try {
          await waitUntil(() => marker()?.textContent?.includes('网络已断开'), 'offline not marked', { timeout });
          expect(ready.when(shadow(el)), `${ready.what} kept offline`).to.equal(true);
          network.set('ok');
        } finally {
          online();
        }
        const back = Date.now();
        await waitUntil(() => marker()?.textContent?.trim() === '', 'still marked stale', { timeout });
        expect(Date.now() - back, 'reloaded on the online event, not on a later timer').to.be.below(1000);
        expect(ready.when(shadow(el))).to.equal(true);
      });

      it('does no work while its tab is hidden, and catches up when it is shown', async () => {
        const network = switchableClient({ token: options.token });
        const el = await inProvider(network.client, { ...(await resolve(options.attributes)), refresh: '1' });
        await untilReady(el, 'first load');
        const show = hideTab();
        let shown = false;
        try {
          const before = network.requests();
          await new Promise((r) => setTimeout(r, 2500));
          expect(network.requests(), 'requests from a hidden tab').to.equal(before);
          show();
          shown = true;
          await waitUntil(() => network.requests() > before, 'no reload when the tab was shown', { timeout: 1500 });
        } finally {
          if (!shown) show();
        }
      });

      describe('a widget the page has not set up', () => {
        const warnings = captureConsoleWarnings();

        /** The developer's message in the widget, and exactly one console warning naming `attribute`. */
        async function expectSetUpMessage(el: HTMLElement, attribute: string, words: string) {
          const alert = await alertOf(el);
          expect(alert.textContent).to.include('组件配置不完整');
          expect(alert.textContent).to.include(attribute);
          expect(alert.textContent).to.include(words);
          expect(alert.textContent, 'not a network problem').not.to.match(/网络已断开|无法连接服务器|服务器出错/);
          expect(alert.querySelector('[part="retry"]'), 'retrying cannot help').to.equal(null);
          await new Promise((r) => setTimeout(r, 300));
          const ours = warnings.all.filter((args) => String(args[0]).startsWith('Gridkit:'));
          expect(ours, 'one console warning').to.have.length(1);
          expect(String(ours[0]![0])).to.include(attribute);
          await expect(el).to.be.accessible();
        }

        const configured = async () => ({ ...options.providerAttributes, ...(await resolve(options.attributes)) });

        it('without base-url or a provider: names base-url', async () => {
          const el = await fixture<HTMLElement>(create(tag, await configured()));
          await expectSetUpMessage(el, 'base-url', `<${tag}>`);
        });

        it('inside a provider without base-url: names the provider and base-url', async () => {
          const el = create(tag, await configured());
          const provider = create('gk-provider', {});
          provider.append(el);
          await fixture(provider);
          await expectSetUpMessage(el, 'base-url', 'gk-provider');
        });

        if (options.needsGrid) {
          it('without grid-id: names grid-id', async () => {
            const el = await alone({});
            await expectSetUpMessage(el, 'grid-id', `<${tag}>`);
          });
        }
      });
    }

    const notFound = options.notFound;
    if (notFound) {
      it('says what the server does not know, without a pointless retry', async () => {
        const el = await alone(notFound.attributes);
        const alert = await alertOf(el);
        expect(alert.textContent).to.include(notFound.text);
        expect(shadow(el).querySelector('[part="retry"]')).to.equal(null);
        await expect(el).to.be.accessible();
      });
    }

    const empty = options.empty;
    if (empty) {
      it('shows a designed empty state, not an error', async () => {
        const el = await alone(await resolve(empty.attributes));
        await waitUntil(() => shadow(el).querySelector('[part="empty"]'), 'no empty state', { timeout });
        expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.include(empty.text);
        expect(shadow(el).querySelector('[part="state"]')).to.equal(null);
        await empty.check?.(el);
        await expect(el).to.be.accessible();
      });
    }
  });
}
