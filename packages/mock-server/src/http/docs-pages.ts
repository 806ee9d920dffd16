// The docs `pnpm start` serves from the demo folder beside the demo pages:
// the API reference built from the contract with Redocly (`/docs/api`) and
// the static Storybook build (`/docs/storybook/`). Both pages carry code in
// inline <script>s (Redoc its state, Storybook its globals) and inject styles
// at run time, so each page gets its own policy: its inline scripts allowed
// by their SHA-256 hashes (nothing else inline runs), inline styles allowed,
// everything else from this origin only.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where the built API reference lives inside the demo folder. */
export const apiReferencePath = 'docs/api/index.html';
/** Where the static Storybook build is copied inside the demo folder (scripts/storybook-docs.mjs). */
export const storybookPath = 'docs/storybook';

export interface DocsPage {
  html: string;
  contentSecurityPolicy: string;
}

const cache = new Map<string, { mtimeMs: number; page: DocsPage }>();

/** The page at `path` in the demo folder with its policy, or undefined when it has not been built. */
export function readDocsPage(demoDir: string, path: string): DocsPage | undefined {
  const file = join(demoDir, path);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const cached = cache.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.page;
  const html = readFileSync(file, 'utf8');
  const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body!).digest('base64')}'`,
  );
  const contentSecurityPolicy = [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  const page = { html, contentSecurityPolicy };
  cache.set(file, { mtimeMs, page });
  return page;
}
