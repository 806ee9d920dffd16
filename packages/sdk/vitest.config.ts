import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Those run in Chromium (web-test-runner.config.mjs): they need IndexedDB.
    exclude: ['test/browser/**', '**/node_modules/**'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: '../../.reports/sdk.json' },
    typecheck: {
      include: ['test/**/*.test-d.ts'],
      tsconfig: 'test/tsconfig.json',
    },
  },
});
