/**
 * Conditional reads (the contract's "Conditional reads"): a strong `ETag`
 * from the answer's bytes, and `If-None-Match` compared with it. A hash of
 * the bytes, not a data version: the answers also change with the clock
 * (a notice expires, a case becomes overdue), which a version would miss.
 */
import { createHash } from 'node:crypto';

/** A strong entity tag of `text`: 128 bits of its SHA-256, base64url, quoted. */
export function entityTagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
}

/**
 * Whether `If-None-Match` names `tag` (RFC 9110 §13.1.2: `*`, or a list
 * compared weakly, so `W/"x"` matches `"x"`).
 */
export function ifNoneMatchHits(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}
