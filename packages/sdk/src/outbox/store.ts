import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxEntry } from './types.js';

interface OutboxSchema extends DBSchema {
  entries: { key: string; value: OutboxEntry };
}

/**
 * Why the outbox could not keep a write on the device. `quota`: the disk or
 * the browser's share of it is full (`QuotaExceededError`); `unavailable`:
 * IndexedDB cannot be used here (blocked by settings, private mode, closed).
 * Nothing was stored and nothing was sent: show it and let the user decide.
 */
export class OutboxStorageError extends Error {
  override readonly name = 'OutboxStorageError';
  readonly reason: 'quota' | 'unavailable';

  constructor(reason: 'quota' | 'unavailable', cause: unknown) {
    super(
      reason === 'quota'
        ? 'This device has no room left to keep the report; free some space or send it later.'
        : 'This browser does not let the page keep data on the device (IndexedDB is unavailable).',
      { cause },
    );
    this.reason = reason;
  }
}

function storageError(error: unknown): OutboxStorageError {
  const name = (error as { name?: string } | null)?.name;
  return new OutboxStorageError(name === 'QuotaExceededError' ? 'quota' : 'unavailable', error);
}

/** The outbox's IndexedDB database: one object store of entries, keyed by id. */
export class OutboxStore {
  readonly #db: Promise<IDBPDatabase<OutboxSchema>>;

  constructor(name: string) {
    this.#db = openDB<OutboxSchema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('entries', { keyPath: 'id' });
      },
    });
    // Reported by the first operation that needs the database.
    this.#db.catch(() => undefined);
  }

  async #open(): Promise<IDBPDatabase<OutboxSchema>> {
    try {
      return await this.#db;
    } catch (error) {
      throw storageError(error);
    }
  }

  /** Stores a new entry; rejects with `OutboxStorageError` when it cannot. */
  async add(entry: OutboxEntry): Promise<void> {
    const db = await this.#open();
    try {
      await db.add('entries', entry);
    } catch (error) {
      throw storageError(error);
    }
  }

  /**
   * Writes `entry` only if it is still stored: a write that the user
   * discarded while it was being sent must not come back.
   */
  async update(entry: OutboxEntry): Promise<boolean> {
    const tx = (await this.#open()).transaction('entries', 'readwrite');
    try {
      const exists = (await tx.store.getKey(entry.id)) !== undefined;
      if (exists) await tx.store.put(entry);
      await tx.done;
      return exists;
    } catch (error) {
      throw storageError(error);
    }
  }

  async get(id: string): Promise<OutboxEntry | undefined> {
    return (await this.#open()).get('entries', id);
  }

  /** Every entry, oldest first. */
  async all(): Promise<OutboxEntry[]> {
    const entries = await (await this.#open()).getAll('entries');
    return entries.sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
    );
  }

  async count(): Promise<number> {
    return (await this.#open()).count('entries');
  }

  async delete(id: string): Promise<void> {
    await (await this.#open()).delete('entries', id);
  }

  close(): void {
    this.#db.then((db) => db.close()).catch(() => undefined);
  }
}
