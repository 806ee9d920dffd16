/** What the test runner's page knows about the mock server it started (see web-test-runner.config.mjs). */
interface TestServer {
  apiUrl: string;
  tokens: { token: string; role: string; gridIds: string[]; label: string }[];
  /** The seed's documented demo case (token `DEM0-CASE-2026`): closed long ago, not rated. */
  demoCase: { ticket: string; trackingToken: string; status: string };
}

export const testServer = (window as unknown as { GRIDKIT_TEST: TestServer }).GRIDKIT_TEST;

/** A grid the demo seed gives a full board: the grid of the first demo grid worker. */
export const demoGridId = testServer.tokens.find((t) => t.role === 'grid_worker')!.gridIds[0]!;

/**
 * The grid that tests adding notices write to: another demo worker's grid.
 * Test files run two at a time on one server, so a notice on the demo grid
 * would show on a board that another file is measuring (the kiosk's fit test).
 */
export const noticeTestGridId = testServer.tokens.find(
  (t) => t.role === 'grid_worker' && !t.gridIds.includes(demoGridId),
)!.gridIds[0]!;
