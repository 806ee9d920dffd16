/** What the test runner's page knows about the mock server it started (see web-test-runner.config.mjs). */
interface TestServer {
  apiUrl: string;
  tokens: { token: string; role: string; gridIds: string[]; label: string }[];
}

export const testServer = (window as unknown as { GRIDKIT_TEST: TestServer }).GRIDKIT_TEST;

/** A grid the demo seed gives a full board: the grid of the first demo grid worker. */
export const demoGridId = testServer.tokens.find((t) => t.role === 'grid_worker')!.gridIds[0]!;
