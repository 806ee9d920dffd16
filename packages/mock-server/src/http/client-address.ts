/**
 * The client's address, as rate limits count it. By default the connection's:
 * a header anyone can write names no one. Behind a reverse proxy every client
 * would then share the proxy's buckets, so the proxies the operator names
 * (addresses, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`) are
 * trusted to tell, in `X-Forwarded-For`, who they forward for: the address
 * nearest the server that is not itself a trusted proxy (proxy-addr, as
 * Express does it). A header from any other peer is ignored.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Who may set `X-Forwarded-For`: nobody unless configured. */
export type TrustedProxies = readonly string[];

export type ClientAddressOf = (incoming: IncomingMessage | undefined) => string;

/** Throws a `TypeError` naming the entry for anything that is not an address, a range or a known name. */
export function clientAddressResolver(trusted: TrustedProxies = []): ClientAddressOf {
  if (trusted.length === 0) return (incoming) => incoming?.socket?.remoteAddress ?? 'local';
  const trust = proxyAddr.compile([...trusted]);
  return (incoming) => (incoming?.socket?.remoteAddress ? proxyAddr(incoming, trust) : 'local');
}
