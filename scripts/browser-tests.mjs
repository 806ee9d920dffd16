// What every package's Web Test Runner config shares: Debian's Chromium with
// the flags it needs on a closed network, the page that hands the tests the
// mock server's address, and the JSON summary CI sums with the vitest suites.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const reports = fileURLToPath(new URL('../.reports/', import.meta.url));

export const chromiumLaunchOptions = {
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
};

/** Writes `.reports/<name>.json` in the shape vitest's JSON reporter uses, so CI sums every suite. */
export function summaryReporter(name) {
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
        // A file that failed to load has no tests to count; count the file.
        if (!session.passed && (session.errors?.length ?? 0) > 0) failed += 1;
      }
      const file = `${reports}${name}.json`;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped }));
    },
  };
}

/**
 * The test page: `window.GRIDKIT_TEST` tells the tests where the mock server is, its demo staff tokens and demo case,
 * with the run's `settings` (sizes a longer run by hand asks for through the environment).
 */
export function testPage(lang, server, settings = {}) {
  return (testFramework) => `<!doctype html>
<html lang="${lang}">
  <head><meta charset="utf-8"></head>
  <body>
    <script>window.GRIDKIT_TEST = ${JSON.stringify({ apiUrl: server.apiUrl, tokens: server.demoTokens, demoCase: server.demoCase, ...settings })};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;
}

/**
 * The real mock server for a browser test run: demo seed, on a free port,
 * faults injectable per request, every response checked against the contract.
 * `startServer` is passed in, so this module depends on no package.
 */
export function startTestServer(startServer) {
  return startServer({
    port: 0,
    seed: 'demo',
    clock: () => new Date(),
    rateLimit: false,
    faults: { enabled: true },
    validateResponses: true,
    log: (line) => console.error(line),
  });
}
