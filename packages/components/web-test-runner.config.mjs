// Browser tests in Debian's Chromium against the real mock server, started
// here on a free port with the demo seed and stopped when the run ends.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumLaunchOptions, startTestServer, summaryReporter, testPage } from '../../scripts/browser-tests.mjs';
import { startServer } from '@gridkit/mock-server';
import { touchPlugin } from './scripts/touch-plugin.mjs';

const server = await startTestServer(startServer);

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 30000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: new URL('./tsconfig.json', import.meta.url).pathname }),
    { name: 'gridkit-mock-server', serverStop: () => server.close() },
    touchPlugin(),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: chromiumLaunchOptions,
    }),
  ],
  testRunnerHtml: testPage('zh-CN', server),
  reporters: [defaultReporter(), summaryReporter('components')],
};
