/**
 * Cross-origin calls from portal pages. Preflights (`OPTIONS`) go through
 * Hono's middleware; every other answer gets its headers here, on the
 * response it already is. Hono's middleware would set them on a placeholder
 * response before the route runs, and Hono then copies the route's response
 * into it through a stream: a third of a notice board's time under load.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export interface CorsPolicy {
  /** Answers preflights; passes every other request on. */
  preflight: MiddlewareHandler;
  /** Adds the headers a browser needs to let the calling page read `response`. */
  allow(response: Response, requestOrigin: string | undefined): Response;
}

export function corsPolicy(options: {
  origins: string | string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge: number;
}): CorsPolicy {
  const { origins } = options;
  const middleware = cors({
    origin: origins,
    allowHeaders: options.allowHeaders,
    exposeHeaders: options.exposeHeaders,
    maxAge: options.maxAge,
  });
  const exposed = options.exposeHeaders.join(',');
  // Hono's own rule: a listed origin is echoed, any other gets no header.
  const allowedOrigin = (origin: string) =>
    origins === '*'
      ? '*'
      : (typeof origins === 'string' ? origins === origin : origins.includes(origin))
        ? origin
        : null;
  return {
    preflight: (c, next) => (c.req.method === 'OPTIONS' ? middleware(c, next) : next()),
    allow(response, requestOrigin) {
      const origin = allowedOrigin(requestOrigin ?? '');
      if (origin) response.headers.set('Access-Control-Allow-Origin', origin);
      if (exposed) response.headers.set('Access-Control-Expose-Headers', exposed);
      if (origins !== '*') response.headers.append('Vary', 'Origin');
      return response;
    },
  };
}
