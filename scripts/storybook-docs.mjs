// The static Storybook build (`stories/storybook-static`, made by `pnpm build`)
// copied into the demo folder, where the mock server serves it at
// /docs/storybook/. `pnpm start` never builds Storybook (~40 s): it copies a
// build that exists and is newer than the copy, and says so when none exists.
import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = new URL('../stories/storybook-static/', import.meta.url).pathname;

/** Copies the build into `demoDir/docs/storybook` when it changed; false when there is no build. */
export function publishStorybook(demoDir) {
  const target = join(demoDir, 'docs/storybook');
  const index = (dir) => join(dir, 'index.json');
  if (!existsSync(index(built))) return false;
  if (existsSync(index(target)) && statSync(index(target)).mtimeMs >= statSync(index(built)).mtimeMs) return true;
  rmSync(target, { recursive: true, force: true });
  cpSync(built, target, { recursive: true, preserveTimestamps: true });
  return true;
}
