import { defineConfig } from 'vitest/config';

// End-to-end runs in Node that drive Debian's Chromium through playwright-core
// against the real mock server serving the built demo pages (run `pnpm build` first).
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30 * 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: '../../.reports/components-e2e.json' },
  },
});
