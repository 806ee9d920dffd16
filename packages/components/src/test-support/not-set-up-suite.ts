/**
 * What the page's developer sees when a write widget was not set up (no
 * client, or a provider without `base-url`): the read widgets' "not set up"
 * state — the message naming the attribute, no retry, no form a user cannot
 * send, exactly one console warning — and nothing that blames the network.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { captureConsoleWarnings } from './console-warnings.js';

interface NotSetUp {
  tag: string;
  /** The widget alone, with what it needs but a client (e.g. `grid-id`, `token`). */
  bare: TemplateResult;
  /** The widget inside a `<gk-provider>` that has no `base-url`. */
  inProvider: TemplateResult;
  /** Words of other states that must not show. */
  notShown: RegExp;
}

export function runNotSetUpSuite({ tag, bare, inProvider, notShown }: NotSetUp): void {
  describe(`<${tag}> the page has not set up`, () => {
    const warnings = captureConsoleWarnings();

    async function expectSetUpMessage(el: HTMLElement, words: string, warned: string) {
      const root = el.shadowRoot!;
      await waitUntil(() => root.querySelector('[part="state"][role="alert"]'), 'no set-up message', {
        timeout: 8000,
      });
      const alert = root.querySelector<HTMLElement>('[part="state"][role="alert"]')!;
      expect(alert.dataset['problem']).to.equal('misconfigured');
      expect(alert.textContent).to.include('组件配置不完整（请网页开发者处理）');
      expect(alert.textContent).to.include('base-url');
      expect(alert.textContent).to.include(words);
      expect(root.textContent!.replace(/\s+/g, ' '), 'another state shown').not.to.match(notShown);
      expect(root.querySelector('[part="retry"]'), 'retrying cannot help').to.equal(null);
      expect(root.querySelector('form'), 'no form that cannot be sent').to.equal(null);
      await new Promise((r) => setTimeout(r, 300));
      const ours = warnings.all.filter((args) => String(args[0]).startsWith('Gridkit:'));
      expect(ours, 'one console warning').to.have.length(1);
      expect(String(ours[0]![0])).to.include(`<${tag}>`);
      expect(String(ours[0]![0])).to.include('base-url');
      expect(String(ours[0]![0])).to.include(warned);
      await expect(el).to.be.accessible();
    }

    it('with no base-url and no provider: names base-url', async () => {
      const el = await fixture<HTMLElement>(bare);
      await expectSetUpMessage(
        el,
        `<${tag}> 没有接口地址：请在它上面设置 base-url 属性，或把它放进设置了 base-url 的 <gk-provider> 中。`,
        'has no API client',
      );
    });

    it('inside a provider without base-url: names the provider and base-url', async () => {
      const provider = await fixture<HTMLElement>(inProvider);
      const el = provider.querySelector<HTMLElement>(tag)!;
      await expectSetUpMessage(
        el,
        `<${tag}> 所在的 <gk-provider> 没有设置 base-url 属性（也没有 client）。`,
        '<gk-provider>',
      );
    });
  });
}
