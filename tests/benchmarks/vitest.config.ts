import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    environment: 'node',
    // A smoke run of one benchmark takes seconds; Prism's start and Chromium's launch take the most.
    testTimeout: 180_000,
    reporters: ['default', 'json'],
    outputFile: { json: '../../.reports/benchmarks.json' },
  },
});
