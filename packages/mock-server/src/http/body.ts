/**
 * Reading what a client sends without trusting it: the body within its size
 * limit while it streams, bytes that must be UTF-8, strings that must be
 * well-formed Unicode, and percent-escapes in the path and query that must
 * decode. Each failure is a problem (413 or 400 naming the field), never a
 * silent repair (U+FFFD) and never a 500.
 */
import { DomainError, type Issue } from '../domain/errors.js';

export const payloadTooLarge = (limit: number) =>
  new DomainError(413, 'payload-too-large', `The request body is larger than ${limit} bytes.`, [], {
    // Whatever the client still sends is not read: the connection closes after this answer.
    Connection: 'close',
  });

/** The client went away (or was cut off by the request timeout) mid-body. */
const bodyEndedEarly = () =>
  new DomainError(400, 'validation-failed', 'The body ended before it was complete.', [
    { path: '/body', message: 'ended before it was complete', code: 'malformed' },
  ]);

/**
 * The body's bytes, read chunk by chunk and abandoned as soon as they pass
 * `limit` (declared length or not): memory holds at most `limit` plus one chunk.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw bodyEndedEarly();
    });
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop pulling (not cancel: that would destroy the socket before the 413 is sent);
      // the rest is never read, and the connection closes after the answer.
      reader.releaseLock();
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** A body whose declared length the HTTP parser holds it to, read at once. */
export async function readWhole(request: Request): Promise<Uint8Array> {
  try {
    return new Uint8Array(await request.arrayBuffer());
  } catch {
    throw bodyEndedEarly();
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text; bytes that are not UTF-8 are a 400 on `/body` rather than U+FFFD. */
export function decodeUtf8(raw: Uint8Array): string {
  try {
    return strictUtf8.decode(raw);
  } catch {
    throw new DomainError(400, 'validation-failed', 'The body is not valid UTF-8.', [
      { path: '/body', message: 'is not valid UTF-8', code: 'malformed' },
    ]);
  }
}

/** No body the contract describes nests deeper than a few levels; 32 leaves room and keeps every later walk shallow. */
export const maxJsonDepth = 32;
/** The message of a value nested deeper than `maxJsonDepth`: such a body is not walked again by the schema's validator. */
export const tooDeep = `is nested deeper than ${maxJsonDepth} levels`;
// With the `u` flag a surrogate pair is one code point, so only a lone surrogate matches.
const loneSurrogate = /\p{Cs}/u;
const pointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Strings (values and keys) holding a lone surrogate (`"\ud800"` is valid JSON
 * but no text): each named by its JSON pointer under `prefix`.
 */
export function illFormedStrings(value: unknown, prefix: string): Issue[] {
  const issues: Issue[] = [];
  // A stack, not recursion: a body nested 10,000 deep must be a 400, not a stack overflow.
  const stack: Array<[node: unknown, path: string, depth: number]> = [[value, prefix, 0]];
  while (stack.length) {
    const [node, path, depth] = stack.pop()!;
    if (typeof node === 'string') {
      if (loneSurrogate.test(node))
        issues.push({ path, message: 'holds a lone surrogate (ill-formed Unicode)', code: 'malformed' });
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    if (depth >= maxJsonDepth) {
      issues.push({ path, message: tooDeep, code: 'malformed' });
      continue;
    }
    if (Array.isArray(node)) {
      for (let index = node.length; index--;) stack.push([node[index], `${path}/${index}`, depth + 1]);
      continue;
    }
    const entries = Object.entries(node);
    for (let index = entries.length; index--;) {
      const [key, item] = entries[index]!;
      const at = `${path}/${pointerToken(key)}`;
      if (loneSurrogate.test(key))
        issues.push({ path: at, message: 'is a name with a lone surrogate (ill-formed Unicode)', code: 'malformed' });
      stack.push([item, at, depth + 1]);
    }
  }
  return issues;
}

/** `decodeURIComponent`, or undefined for a malformed escape (`%zz`, `%ff`, an encoded lone surrogate). */
function strictDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const malformedEscape = (path: string): Issue => ({
  path,
  message: 'is not valid percent-encoded UTF-8',
  code: 'malformed',
});

/**
 * The path parameters of `route` (`/api/v1/grids/:gridId`) read from the raw
 * path and decoded strictly: a segment that does not decode is an issue naming
 * its parameter (the router would pass `%zz` on as it is).
 */
export function decodePathParameters(
  route: string,
  rawPath: string,
): { values: Record<string, string>; issues: Issue[] } {
  const names = route.split('/');
  const segments = rawPath.split('/');
  const values: Record<string, string> = {};
  const issues: Issue[] = [];
  names.forEach((name, index) => {
    if (!name.startsWith(':')) return;
    const decoded = strictDecode(segments[index] ?? '');
    if (decoded === undefined) issues.push(malformedEscape(`/path/${name.slice(1)}`));
    else values[name.slice(1)] = decoded;
  });
  return { values, issues };
}

/** Query parameters whose name or value does not decode (URLSearchParams would turn them into U+FFFD). */
export function malformedQuery(rawSearch: string): Issue[] {
  const issues: Issue[] = [];
  for (const pair of rawSearch.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const [name = '', value = ''] = pair.replace(/\+/g, ' ').split(/=(.*)/s);
    const decodedName = strictDecode(name);
    if (decodedName === undefined || strictDecode(value) === undefined)
      issues.push(malformedEscape(`/query/${decodedName ?? name.replace(/%/g, '%25')}`));
  }
  return issues;
}

/**
 * A path fit for a problem's `instance` (a URI reference): a `%` that starts no
 * valid escape is itself escaped, so `/grids/%zz` is reported as `/grids/%25zz`.
 */
export function instancePath(pathname: string): string {
  return pathname.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}
