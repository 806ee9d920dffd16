// The outbox's browser tests: Debian's Chromium (real IndexedDB, Web Locks,
// BroadcastChannel) against the real mock server with fault injection on,
// started here on a free port and stopped when the run ends.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumLaunchOptions, startTestServer, summaryReporter, testPage } from '../../scripts/browser-tests.mjs';
// By path, not as a dependency: the mock server depends on the SDK, and a
// dependency back would make the workspace a cycle. `pnpm test` builds it first.
import { startServer } from '../mock-server/dist/index.js';

const server = await startTestServer(startServer);
// GRIDKIT_OUTBOX_REPORTS: how many reports the chaos test files (50 in CI; 10,000 for the full run by hand).
const outboxReports = Number(process.env.GRIDKIT_OUTBOX_REPORTS ?? 50);

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  // The whole file's time: the chaos test's 10,000 reports take about half an hour.
  testsFinishTimeout: Math.max(120_000, outboxReports * 400),
  testFramework: { config: { timeout: 20000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: new URL('./test/tsconfig.json', import.meta.url).pathname }),
    { name: 'gridkit-mock-server', serverStop: () => server.close() },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: chromiumLaunchOptions,
    }),
  ],
  testRunnerHtml: testPage('en', server, { outboxReports }),
  reporters: [defaultReporter(), summaryReporter('sdk-outbox')],
};
