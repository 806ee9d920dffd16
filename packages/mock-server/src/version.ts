import { readFileSync } from 'node:fs';

// Read at run time: the same relative path works from src/ and from dist/.
export const serverVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
