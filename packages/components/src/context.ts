import { createContext, ContextProvider } from '@lit/context';
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
export const gridkitContext = createContext<GridkitSettings | undefined>(Symbol.for('gridkit.settings'));

/**
 * Provides a client (and optionally a grid) to every widget inside `element`,
 * from plain JavaScript, without `<gk-provider>`:
 *
 *   provideGridkit(document.body, { client: createGridkitClient({ baseUrl }) });
 */
export function provideGridkit(element: HTMLElement, settings: GridkitSettings) {
  return new ContextProvider(element, { context: gridkitContext, initialValue: settings });
}
