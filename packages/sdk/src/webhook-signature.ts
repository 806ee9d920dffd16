/**
 * Verifying a webhook delivery (docs/webhooks.md), for the vendor's
 * receiver, in Node and browsers alike (Web Crypto): `Gridkit-Signature` is
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. Verify the raw
 * body exactly as received, before parsing it.
 */
export interface WebhookVerification {
  /** The request body exactly as received (a string, or its bytes). */
  body: string | Uint8Array;
  /** The `Gridkit-Signature` header. */
  signature: string | null | undefined;
  /** The webhook's secret (`whsec_…`), from its registration. */
  secret: string;
  /** How far `t` may be from now, in seconds (a replay of an old delivery is refused). Default 300. */
  toleranceSeconds?: number;
  /** Now, in milliseconds (tests). */
  now?: number;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Equal strings, compared in time that does not depend on where they differ. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

/** Whether a delivery is genuine and recent: a valid `v1` signature for its body, and `t` within the tolerance. */
export async function verifyWebhookSignature(input: WebhookVerification): Promise<boolean> {
  const parts = new Map(
    (input.signature ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !/^\d+$/.test(t) || !v1) return false;
  const now = input.now ?? Date.now();
  if (Math.abs(now / 1000 - Number(t)) > (input.toleranceSeconds ?? 300)) return false;
  const encoder = new TextEncoder();
  // The bytes as received, after "<t>.": a body is never decoded and encoded again.
  const body = typeof input.body === 'string' ? encoder.encode(input.body) : input.body;
  const prefix = encoder.encode(`${t}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(input.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const expected = hex(await crypto.subtle.sign('HMAC', key, signed));
  return sameText(expected, v1.toLowerCase());
}
