import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Image files beside the database, named by the SHA-256 of their (cleaned)
 * bytes: the same photo uploaded twice is stored once, and a retried upload
 * rewrites the same file.
 */
export interface MediaStore {
  /** Writes the bytes durably (fsync, then rename) and returns their hash. */
  put(bytes: Uint8Array): Promise<string>;
  read(sha256: string): Promise<Uint8Array>;
}

export function createMediaStore(directory: string): MediaStore {
  const pathOf = (sha256: string) => join(directory, `${sha256}.img`);
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await mkdir(directory, { recursive: true });
      const temporary = join(directory, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      const file = await open(temporary, 'w');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, pathOf(sha256));
      return sha256;
    },
    async read(sha256) {
      return new Uint8Array(await readFile(pathOf(sha256)));
    },
  };
}
