import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { normalizeTrackingToken } from '@gridkit/sdk';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Prefixes say what an id names, as in the contract's examples (`grd_Qb02nR`). */
export type IdPrefix = 'grd' | 'tm' | 'stf' | 'ntc' | 'med' | 'cas' | 'evt' | 'log' | 'whk' | 'whe' | 'dlv';

function base62(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 62];
  return out;
}

/** A new opaque id: prefix, underscore, 12 random base62 characters. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${base62(randomBytes(12))}`;
}

/**
 * A reporter's tracking token (查询码): 12 Crockford base32 characters, 60
 * random bits, grouped `K7QM-4T2X-9PZR`. The rule lives in the SDK so that
 * server, SDK and widgets accept the same spellings.
 */
export { newTrackingToken } from '@gridkit/sdk';

/**
 * What is stored for a tracking token: the hash of its canonical form, so
 * that `k7qm 4t2x 9pzr` finds what `K7QM-4T2X-9PZR` stored. `undefined` when
 * the text cannot be a token at all (it then matches nothing).
 */
export function trackingTokenHash(typed: string): string | undefined {
  const canonical = normalizeTrackingToken(typed);
  return canonical === undefined ? undefined : hashSecret(canonical);
}

/** Only a hash of a secret is stored, so a copied database does not leak tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Whether a typed token is the one stored (by its hash): any typed form
 * matches (case, spaces, dashes, full width, O/I/L), text that is no token
 * matches nothing, and the hashes are compared in constant time.
 */
export function trackingTokenMatches(typed: string, storedHash: string): boolean {
  const hash = trackingTokenHash(typed);
  if (hash === undefined) return false;
  const given = Buffer.from(hash, 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
