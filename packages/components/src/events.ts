import type { GridkitError } from '@gridkit/sdk';

/** Fired when a widget could not load or send; `detail.error` carries the problem and request id. */
export type GkErrorEvent = CustomEvent<{ error: GridkitError | Error }>;
/** Fired when a widget has shown fresh data. */
export type GkLoadEvent = CustomEvent<{ gridId?: string }>;

declare global {
  interface HTMLElementEventMap {
    'gk-error': GkErrorEvent;
    'gk-load': GkLoadEvent;
  }
}

export function emit<Name extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  name: Name,
  detail: HTMLElementEventMap[Name] extends CustomEvent<infer D> ? D : never,
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
