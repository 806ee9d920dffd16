/**
 * Makes IndexedDB refuse every write as a full disk does, for one test. A
 * stand-in: a really full disk cannot be produced here (Chromium's quota
 * override over CDP has no effect in this Playwright), so the object store's
 * `put` and `add` throw the `QuotaExceededError` Chromium gives then. Reads
 * still work, as on a full disk. `restore()` must run (in `finally`).
 */
export function fillDisk(): { restore: () => void } {
  const { put, add } = IDBObjectStore.prototype;
  const full = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  IDBObjectStore.prototype.put = full;
  IDBObjectStore.prototype.add = full;
  return {
    restore: () => {
      IDBObjectStore.prototype.put = put;
      IDBObjectStore.prototype.add = add;
    },
  };
}
