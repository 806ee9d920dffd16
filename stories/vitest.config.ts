import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/*.test.ts'],
    environment: 'node',
    // A story that shows a failure waits out the widget's own retries (a few seconds).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxConcurrency: 6,
    reporters: ['default', 'json'],
    outputFile: { json: '../.reports/stories.json' },
  },
});
