import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Image files beside the database, named by the SHA-256 of their (cleaned)
 * bytes: the same photo uploaded twice is stored once, and a retried upload
 * rewrites the same file.
 */
export interface MediaStore {
  /**
   * Writes the bytes durably (fsync, then rename) and returns their hash. The
   * file stays claimed by this upload until `release`: nothing removes it meanwhile.
   */
  put(bytes: Uint8Array): Promise<string>;
  read(sha256: string): Promise<Uint8Array>;
  /**
   * Ends an upload's claim on its file, once its row is written or refused: a
   * file no row references and no other upload claims is removed at once, so
   * a refused upload leaves nothing on disk.
   */
  release(sha256: string, referenced: (sha256: string) => boolean): void;
  /**
   * Removes what a crash between the file write and the row insert left: image
   * files no row references and temporary files, both older than `minAgeMs`
   * and unclaimed. Returns how many files went.
   */
  sweep(referenced: (sha256: string) => boolean, now: Date, minAgeMs?: number): number;
}

/** How old an unreferenced file must be before a sweep removes it (an upload in another process may be finishing). */
export const orphanMinAgeMs = 60_000;

export function createMediaStore(directory: string): MediaStore {
  const pathOf = (sha256: string) => join(directory, `${sha256}.img`);
  // Uploads in flight per file: the same photo may be arriving twice at once.
  const claims = new Map<string, number>();
  const unlinkQuietly = (path: string) => {
    try {
      unlinkSync(path);
      return 1;
    } catch {
      return 0;
    }
  };
  /** Drops one claim; returns how many remain. */
  const unclaim = (sha256: string) => {
    const left = (claims.get(sha256) ?? 1) - 1;
    if (left > 0) claims.set(sha256, left);
    else claims.delete(sha256);
    return left;
  };
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // Claimed before the first await, so a concurrent release or sweep never removes it.
      claims.set(sha256, (claims.get(sha256) ?? 0) + 1);
      const temporary = join(directory, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await mkdir(directory, { recursive: true });
        const file = await open(temporary, 'w');
        try {
          await file.writeFile(bytes);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, pathOf(sha256));
      } catch (error) {
        // Nothing was stored: no claim and no partial file stay behind.
        unclaim(sha256);
        unlinkQuietly(temporary);
        throw error;
      }
      return sha256;
    },
    async read(sha256) {
      return new Uint8Array(await readFile(pathOf(sha256)));
    },
    release(sha256, referenced) {
      if (unclaim(sha256) > 0) return;
      // Synchronous, so no upload can claim the file between the check and the removal.
      if (!referenced(sha256)) unlinkQuietly(pathOf(sha256));
    },
    sweep(referenced, now, minAgeMs = orphanMinAgeMs) {
      let names: string[];
      try {
        names = readdirSync(directory);
      } catch {
        return 0; // no media/ yet
      }
      let removed = 0;
      for (const name of names) {
        const image = /^([0-9a-f]{64})\.img$/.exec(name);
        const temporary = /^\.([0-9a-f]{64})\.[0-9a-f]+\.tmp$/.exec(name);
        const sha256 = image?.[1] ?? temporary?.[1];
        if (!sha256 || claims.has(sha256)) continue;
        const path = join(directory, name);
        let modified: number;
        try {
          modified = statSync(path).mtimeMs;
        } catch {
          continue;
        }
        if (now.getTime() - modified < minAgeMs) continue;
        if (temporary || !referenced(sha256)) removed += unlinkQuietly(path);
      }
      return removed;
    },
  };
}
