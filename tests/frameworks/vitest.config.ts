import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    environment: 'node',
    // Each type-check starts a TypeScript program over React, Vue or Svelte types (~10 s alone).
    testTimeout: 90_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: '../../.reports/frameworks.json' },
  },
});
