// The outbox's browser tests: Debian's Chromium (real IndexedDB, Web Locks,
// BroadcastChannel) against the real mock server with fault injection on,
// started here on a free port and stopped when the run ends.
import { mkdirSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
// By path, not as a dependency: the mock server depends on the SDK, and a
// dependency back would make the workspace a cycle. `pnpm test` builds it first.
import { startServer } from '../mock-server/dist/index.js';

const server = await startServer({
  port: 0,
  seed: 'demo',
  clock: () => new Date(),
  rateLimit: false,
  faults: { enabled: true },
  validateResponses: true,
  log: (line) => console.error(line),
});

/** The same JSON summary the vitest suites write, so CI sums every suite. */
function summaryReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) skipped += 1;
          else if (test.passed) passed += 1;
          else failed += 1;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && (session.errors?.length ?? 0) > 0) failed += 1;
      }
      mkdirSync(new URL('../../.reports/', import.meta.url), { recursive: true });
      writeFileSync(
        new URL(file, import.meta.url),
        JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped }),
      );
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: new URL('./test/tsconfig.json', import.meta.url).pathname }),
    { name: 'gridkit-mock-server', serverStop: () => server.close() },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          '--no-first-run',
        ],
      },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"></head>
  <body>
    <script>window.GRIDKIT_TEST = ${JSON.stringify({ apiUrl: server.apiUrl, tokens: server.demoTokens })};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  reporters: [defaultReporter(), summaryReporter('../../.reports/sdk-outbox.json')],
};
