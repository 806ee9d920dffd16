import { css, html, LitElement, type PropertyValues, type PropertyDeclarations } from 'lit';
import { createGridkitCore, type TokenProvider } from '@gridkit/sdk/core';
import type { GridkitClient } from '@gridkit/sdk';
import { SettingsProvider } from '../context.js';
import { LocalizeController } from '../internal/localize.js';
import { themes } from '../internal/theme.js';

/**
 * Gives every Gridkit widget inside it one API client, a grid and a theme.
 *
 *   <gk-provider base-url="https://grid.example.gov.cn/api/v1" grid-id="grd_Qb02nR" theme="dark">
 *     <gk-notice-board></gk-notice-board>
 *   </gk-provider>
 *
 * @slot - the widgets
 */
export class GkProvider extends LitElement {
  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: 'base-url' },
    gridId: { attribute: 'grid-id' },
    token: {},
    tokenProvider: { attribute: false },
    client: { attribute: false },
    theme: { reflect: true },
    kiosk: { type: Boolean, reflect: true },
  };
  static override styles = [
    themes,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  /** API root including `/api/v1`. */
  baseUrl?: string;
  /** The grid every widget inside shows unless it sets its own `grid-id`. */
  gridId?: string;
  /** A static staff token (use `tokenProvider` to refresh one). */
  token?: string;
  /** Asked for a token before each request. */
  tokenProvider?: TokenProvider;
  /** A client built by the page, used instead of `base-url`. */
  client?: GridkitClient;
  /** `light` (default), `dark` or `high-contrast`, for every widget inside. */
  theme?: 'light' | 'dark' | 'high-contrast';

  /** Kiosk mode for every widget inside (a shared community-centre terminal). */
  kiosk = false;

  private readonly provider = new SettingsProvider(this);

  private readonly localize = new LocalizeController(this);

  protected override willUpdate(changed: PropertyValues<GkProvider>) {
    const keys = ['baseUrl', 'token', 'tokenProvider', 'client', 'gridId', 'kiosk'] as const;
    if (keys.some((key) => changed.has(key))) {
      // A core, not a whole client: each widget imports the resources it calls.
      const core =
        this.client?.core ??
        (this.baseUrl
          ? createGridkitCore({
              baseUrl: this.baseUrl,
              token: this.tokenProvider ?? this.token,
              locale: () => this.localize.locale,
            })
          : undefined);
      this.provider.setValue(core ? { core, gridId: this.gridId, kiosk: this.kiosk } : undefined);
    }
  }

  override render() {
    return html`<slot></slot>`;
  }
}
