import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
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
}
