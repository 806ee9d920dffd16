/**
 * Tracking tokens (查询码) as people read and type them: 12 Crockford base32
 * characters in groups of four, `K7QM-4T2X-9PZR`. One module for the rule, so
 * the server, the SDK and the widgets accept exactly the same spellings.
 */
import { trackingTokenPattern } from './generated/values.js';

/** The canonical, grouped form (the contract's `TrackingToken` pattern). */
export { trackingTokenPattern };

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const length = 12;

/**
 * What a person typed, in canonical form, or `undefined` when it cannot be a
 * token: full-width characters (from a Chinese input method) to ASCII, case,
 * spaces and dashes ignored, `O`→`0`, `I`/`L`→`1` (Crockford's decoding).
 */
export function normalizeTrackingToken(value: string): string | undefined {
  const chars = value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212\u30fc_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars.length !== length || [...chars].some((c) => !alphabet.includes(c))) return undefined;
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** A new random token (60 bits) in canonical form, from a cryptographic source. */
export function newTrackingToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 256 is a multiple of 32, so taking each byte modulo 32 is unbiased.
  const chars = Array.from(bytes, (b) => alphabet[b % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
