import { createGridkitClient, type GridkitClient } from '@gridkit/sdk';
import { apiUrl } from './support.js';

/**
 * A client whose network works for `okForMs` after it is made, then fails
 * every request as a dropped connection does: the widget's first load
 * succeeds and its next refresh fails, so the story shows data kept through a
 * failed refresh ("updated 10:42 — reconnecting…").
 *
 * The true offline state needs the browser to say it is offline: in
 * Storybook, tick "Offline" in the DevTools Network panel (Chromium sets
 * `navigator.onLine` and fires `offline`).
 */
export function flakyClient(okForMs = 2500): GridkitClient {
  const until = Date.now() + okForMs;
  return createGridkitClient({
    baseUrl: apiUrl,
    retry: false,
    fetch: (input, init) =>
      Date.now() < until ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch')),
  });
}
