import type { GridkitClient, GridkitCore } from '@gridkit/sdk';

/**
 * What a provider gives every widget inside it: the SDK's core (each widget
 * brings only the resources it calls), or a whole client, whose core is used.
 */
export interface GridkitSettings {
  core?: GridkitCore;
  client?: GridkitClient;
  /** The grid widgets show when they name none themselves. */
  gridId?: string;
  /** Kiosk mode for every widget inside: large touch targets and text, idle reset. */
  kiosk?: boolean;
}

// Symbol.for: two copies of the library on one page still find each other's provider.
export const gridkitContext = Symbol.for('gridkit.settings');

/** Hands a provider's settings to a widget; `unsubscribe` stops further values. */
export type SettingsCallback = (value: GridkitSettings | undefined, unsubscribe?: () => void) => void;

/**
 * The community context protocol's `context-request` event (what @lit/context
 * and other libraries send and answer), written out here because the widgets
 * use only this much of it and the library would triple the shared base.
 */
interface ContextRequest extends Event {
  context: unknown;
  contextTarget: Element;
  callback: SettingsCallback;
  subscribe?: boolean;
}

/** Asks the nearest provider above `target` for the settings; `callback` runs at once if one answers. */
export function requestSettings(target: Element, callback: SettingsCallback, subscribe: boolean): void {
  const request = new Event('context-request', { bubbles: true, composed: true });
  target.dispatchEvent(Object.assign(request, { context: gridkitContext, contextTarget: target, callback, subscribe }));
}

/** Answers the widgets inside `host` with its settings, now and (to those that subscribe) on every change. */
export class SettingsProvider {
  /** Each subscriber with its one unsubscribe function (consumers compare it between calls). */
  private readonly subscribers = new Map<SettingsCallback, () => void>();

  constructor(
    host: Element,
    public value?: GridkitSettings,
  ) {
    host.addEventListener('context-request', (event) => {
      const request = event as ContextRequest;
      // A provider that is also a widget (the kiosk) asks the providers above it, not itself.
      if (request.context !== gridkitContext || request.contextTarget === host) return;
      event.stopPropagation();
      const { callback } = request;
      const unsubscribe = () => void this.subscribers.delete(callback);
      if (request.subscribe) this.subscribers.set(callback, unsubscribe);
      callback(this.value, unsubscribe);
    });
  }

  setValue(value: GridkitSettings | undefined): void {
    if (value === this.value) return;
    this.value = value;
    for (const [callback, unsubscribe] of this.subscribers) callback(value, unsubscribe);
  }
}

/**
 * Provides a client (and optionally a grid) to every widget inside `element`,
 * from plain JavaScript, without `<gk-provider>`:
 *
 *   provideGridkit(document.body, { client: createGridkitClient({ baseUrl }) });
 */
export function provideGridkit(element: HTMLElement, settings: GridkitSettings): SettingsProvider {
  return new SettingsProvider(element, settings);
}
