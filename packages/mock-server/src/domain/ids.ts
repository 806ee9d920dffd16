import { createHash, randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Prefixes say what an id names, as in the contract's examples (`grd_Qb02nR`). */
export type IdPrefix = 'grd' | 'tm' | 'stf' | 'ntc' | 'med' | 'cas' | 'evt' | 'log';

function base62(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 62];
  return out;
}

/** A new opaque id: prefix, underscore, 12 random base62 characters. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${base62(randomBytes(12))}`;
}

/** A reporter's secret tracking token: 24 random base62 characters (~143 bits). */
export function newTrackingToken(): string {
  return base62(randomBytes(24));
}

/** Only a hash of a secret is stored, so a copied database does not leak tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
