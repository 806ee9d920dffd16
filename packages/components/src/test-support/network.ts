/**
 * The browser's view of the network and of the tab, changed for a test as
 * the browser changes it: `navigator.onLine` / `document.visibilityState`
 * overridden on the instance, and the event it fires (`offline`/`online`,
 * `visibilitychange`). The restore function must run (in `finally`).
 */
export function goOffline(): () => void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
  return () => {
    delete (navigator as { onLine?: boolean }).onLine;
    window.dispatchEvent(new Event('online'));
  };
}

export function hideTab(): () => void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
  return () => {
    delete (document as { visibilityState?: string }).visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}
