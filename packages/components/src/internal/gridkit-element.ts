import { LitElement, type PropertyDeclarations } from 'lit';
import { createGridkitCore, type GridkitCore } from '@gridkit/sdk/core';
import { requestSettings, type GridkitSettings } from '../context.js';
import { whenTextsLoaded, type LocalizeController } from './localize.js';
import { themes, tokens } from './theme.js';

/**
 * What every Gridkit widget shares: a client (its own from `base-url`, else
 * the nearest provider's), a grid (its own `grid-id`, else the provider's),
 * its language and theme.
 *
 * @cssprop [--gk-color-surface=#ffffff] - background of the cards
 * @cssprop [--gk-color-surface-muted=#f3f5f8] - background of quieter areas (notes, table heads)
 * @cssprop [--gk-color-text=#1b1f24] - text
 * @cssprop [--gk-color-text-muted=#4b5563] - secondary text (dates, labels)
 * @cssprop [--gk-color-accent=#c8102e] - headings' rule, pinned badge, primary buttons
 * @cssprop [--gk-color-accent-text=#ffffff] - text on the accent colour
 * @cssprop [--gk-color-link=#0b57d0] - links (phone numbers)
 * @cssprop [--gk-color-border=#d0d7de] - borders and rules
 * @cssprop [--gk-color-danger=#b42318] - errors
 * @cssprop [--gk-color-success=#067647] - success messages
 * @cssprop [--gk-radius=8px] - corner radius of cards and buttons
 * @cssprop [--gk-card-shadow=none] - shadow of the cards every widget draws on
 * @cssprop [--gk-space=1rem] - the spacing unit
 * @cssprop [--gk-font-family=system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif] - font stack
 * @cssprop [--gk-font-size=1rem] - base text size
 * @cssprop [--gk-focus-ring=3px solid #0b57d0] - keyboard focus outline
 * @cssprop [--gk-kiosk-font-size=1.6rem] - base text size in the kiosk layout (a screen read from two metres)
 */
export abstract class GridkitElement extends LitElement {
  static override styles = [tokens, themes];

  // Reactive properties are declared here, not with decorators (smaller); in every widget internal state is
  // `attribute: false`, not `state: true`, which the manifest analyzer lists as attributes.
  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: 'base-url' },
    gridId: { attribute: 'grid-id' },
    theme: { reflect: true },
    kiosk: { type: Boolean },
    settings: { attribute: false },
  };

  /** API root including `/api/v1`; overrides the provider's client. */
  baseUrl?: string;
  /** The grid shown (an opaque id such as `grd_4BCg6L6keGz1`); overrides the provider's. */
  gridId?: string;
  /** `light` (default), `dark` or `high-contrast`. */
  theme?: 'light' | 'dark' | 'high-contrast';

  /**
   * Kiosk mode: touch targets of at least 48 px, larger text, and an idle
   * reset. Also switched on by a provider with `kiosk`.
   */
  kiosk = false;

  /** The nearest provider's settings, kept current while connected. */
  protected settings?: GridkitSettings;
  private stopSettings?: () => void;

  private own?: { baseUrl: string; core: GridkitCore };

  override connectedCallback() {
    super.connectedCallback();
    requestSettings(
      this,
      (settings, unsubscribe) => {
        if (this.stopSettings !== unsubscribe) this.stopSettings?.();
        this.stopSettings = unsubscribe;
        this.settings = settings;
      },
      true,
    );
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopSettings?.();
    this.stopSettings = undefined;
  }

  /** Each widget creates its own, with its catalog: `localize = new LocalizeController(this, messages)`. */
  protected abstract readonly localize: LocalizeController;

  // A widget's texts in zh-TW or en load on first use: render once they are
  // here rather than flash the wrong language (`updateComplete` waits too).
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = whenTextsLoaded(this);
    if (!loading) return super.scheduleUpdate();
    return loading.then(() => super.scheduleUpdate());
  }

  /**
   * The SDK core calls go through: its own from `base-url`, else the
   * provider's. Widgets hand it to the resources they call
   * (`noticesResource(core)`), so a page bundles only those.
   */
  protected get core(): GridkitCore | undefined {
    if (!this.baseUrl) return this.settings?.core ?? this.settings?.client?.core;
    if (this.own?.baseUrl !== this.baseUrl) {
      this.own = {
        baseUrl: this.baseUrl,
        core: createGridkitCore({ baseUrl: this.baseUrl, locale: () => this.localize.locale }),
      };
    }
    return this.own.core;
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
    if (!this.core)
      return { kind: this.hasProvider() ? 'missing-provider-client' : 'missing-client', attribute: 'base-url' };
    if (needsGrid && !this.activeGridId) return { kind: 'missing-grid', attribute: 'grid-id' };
    return undefined;
  }

  /** Whether a provider is around us at all: one answers a context request even when it has nothing to give. */
  private hasProvider(): boolean {
    let answered = false;
    requestSettings(this, () => (answered = true), false);
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
