// `/docs/api`: the API reference that `pnpm start` builds from the contract
// with Redocly (`redocly build-docs --inlineBundle`) into the demo folder.
// Redoc's page carries its state and code in inline <script>s and injects
// its styles at run time, so this one page gets its own policy: the scripts
// allowed by their SHA-256 hashes (nothing else inline runs), inline styles
// allowed, everything else from this origin only.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where the built page lives inside the demo folder. */
export const apiReferencePath = 'docs/api/index.html';

export interface ApiReferencePage {
  html: string;
  contentSecurityPolicy: string;
}

let cached: { file: string; mtimeMs: number; page: ApiReferencePage } | undefined;

/** The built page and its policy, or undefined when it has not been built. */
export function readApiReference(demoDir: string): ApiReferencePage | undefined {
  const file = join(demoDir, apiReferencePath);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  if (cached?.file === file && cached.mtimeMs === mtimeMs) return cached.page;
  const html = readFileSync(file, 'utf8');
  const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body!).digest('base64')}'`,
  );
  const contentSecurityPolicy = [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  const page = { html, contentSecurityPolicy };
  cached = { file, mtimeMs, page };
  return page;
}
