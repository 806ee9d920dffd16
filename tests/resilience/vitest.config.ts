import { defineConfig } from 'vitest/config';

// Short by default (what CI and `pnpm test` run); `RESILIENCE=full` (`pnpm test:resilience`) for the full run.
const full = process.env.RESILIENCE === 'full';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    environment: 'node',
    globalSetup: ['support/global-setup.ts'],
    // One file at a time: each starts real servers and loads a 2-core machine on its own.
    fileParallelism: false,
    testTimeout: full ? 1_800_000 : 180_000,
    hookTimeout: 180_000,
    reporters: ['default', 'json'],
    outputFile: { json: '../../.reports/resilience.json' },
  },
});
