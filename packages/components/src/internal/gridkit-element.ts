import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume, ContextEvent } from '@lit/context';
import { createGridkitClient, type GridkitClient } from '@gridkit/sdk';
import { gridkitContext, type GridkitSettings } from '../context.js';
import type { LocalizeController } from './localize.js';
import { themes, tokens } from './theme.js';

/**
 * What every Gridkit widget shares: a client (its own from `base-url`, else
 * the nearest provider's), a grid (its own `grid-id`, else the provider's),
 * its language and theme.
 */
export abstract class GridkitElement extends LitElement {
  static override styles = [tokens, themes];

  /** API root including `/api/v1`; overrides the provider's client. */
  @property({ attribute: 'base-url' }) baseUrl?: string;
  @property({ attribute: 'grid-id' }) gridId?: string;
  /** `light` (default), `dark` or `high-contrast`. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'high-contrast';

  /**
   * Kiosk mode: touch targets of at least 48 px, larger text, and an idle
   * reset. Also switched on by a provider with `kiosk`.
   */
  @property({ type: Boolean }) kiosk = false;

  @consume({ context: gridkitContext, subscribe: true })
  @state()
  protected settings?: GridkitSettings;

  private own?: { baseUrl: string; client: GridkitClient };

  /** Each widget creates its own, with its catalog: `localize = new LocalizeController(this, messages)`. */
  protected abstract readonly localize: LocalizeController;

  // A widget's texts in zh-TW or en load on first use: render once they are
  // here rather than flash the wrong language (`updateComplete` waits too).
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.localize.whenLoaded();
    if (!loading) return super.scheduleUpdate();
    return loading.then(() => super.scheduleUpdate());
  }

  protected get client(): GridkitClient | undefined {
    if (!this.baseUrl) return this.settings?.client;
    if (this.own?.baseUrl !== this.baseUrl) {
      this.own = {
        baseUrl: this.baseUrl,
        client: createGridkitClient({ baseUrl: this.baseUrl, locale: () => this.localize.locale }),
      };
    }
    return this.own.client;
  }

  protected get kioskMode(): boolean {
    return this.kiosk || this.settings?.kiosk === true;
  }

  protected get activeGridId(): string | undefined {
    return this.gridId ?? this.settings?.gridId;
  }

  /**
   * What the page forgot to set, for a widget about to load: no client (no
   * `base-url` here and none from a provider: `missing-client`, or a provider
   * without one: `missing-provider-client`), or no grid when `needsGrid`.
   */
  protected configurationProblem(needsGrid: boolean): Misconfiguration | undefined {
    if (!this.client)
      return { kind: this.hasProvider() ? 'missing-provider-client' : 'missing-client', attribute: 'base-url' };
    if (needsGrid && !this.activeGridId) return { kind: 'missing-grid', attribute: 'grid-id' };
    return undefined;
  }

  /** Whether a provider is around us at all: one answers a context request even when it has nothing to give. */
  private hasProvider(): boolean {
    let answered = false;
    this.dispatchEvent(new ContextEvent(gridkitContext, this, () => (answered = true), false));
    return answered;
  }
}

/** A widget the page has not set up: which attribute is missing, and where. */
export interface Misconfiguration {
  kind: 'missing-client' | 'missing-provider-client' | 'missing-grid';
  attribute: 'base-url' | 'grid-id';
}

const warnings: Record<Misconfiguration['kind'], (tag: string) => string> = {
  'missing-client': (tag) =>
    `Gridkit: <${tag}> has no API client. Set its base-url attribute, or place it inside a <gk-provider base-url="…">.`,
  'missing-provider-client': (tag) =>
    `Gridkit: the <gk-provider> around <${tag}> has no base-url attribute (and no client property).`,
  'missing-grid': (tag) => `Gridkit: <${tag}> has no grid-id attribute, and no provider gives one.`,
};

/** The console warning for the page's developer, naming the element and the attribute it lacks. */
export function misconfigurationWarning(kind: Misconfiguration['kind'], tag: string): string {
  return warnings[kind](tag);
}
