/** What the suite runs against, decided once by the global setup and injected into every test file. */
export interface GridkitTarget {
  /** API root including `/api/v1`. */
  baseUrl: string;
  /** A staff token with role `admin` whose subtree contains the worker's grid. */
  adminToken: string;
  /** A staff token with role `grid_worker`. */
  workerToken: string;
  /**
   * Optional: a staff token with role `supervisor` (监督员) whose jurisdiction covers the worker's grid from
   * the district (so it may verify that grid's cases at every level). The tests of what a supervisor may do
   * need it; our CI always passes the seed's district supervisor.
   */
  supervisorToken?: string;
  /**
   * Optional: a staff token with role `department` (a functional department's staff member) whose unit serves the
   * worker's grid. The tests of what a department may do need it; our CI passes the seed's district 住建局.
   */
  departmentToken?: string;
  /**
   * Optional: a staff token with role `supervisor` whose jurisdiction root covers the worker's grid from below the
   * top of its tree (a community or a street), so that a case can be escalated above it. The test that a judge
   * below the case's level is refused `verify` and `reopen` needs it; our CI passes the seed's 西关街道 supervisor.
   */
  lowerSupervisorToken?: string;
  /** Optional: the same for an `admin` (our CI passes the seed's 桥北社区 community admin). */
  lowerAdminToken?: string;
  /**
   * Where the public read limit is checked, and how: `baseUrl` is the target's API root, except when the suite
   * hosts the mock server (it gives that one a high read limit, so a second one runs with the default limits);
   * `maxReads` is how many reads without a token from one address may go by before a `429` must come;
   * `ticket` a ticket known on that server to start walking from (else the test reports a case).
   */
  readLimit: { baseUrl: string; maxReads: number; ticket?: string };
  /** A unit serving the worker's grid (`listUnits?gridId=`), found by the global setup: what the suite dispatches to. */
  unit: { id: string; name: string };
  /** True when the suite started its own mock server (our CI). */
  selfHosted: boolean;
  /** A scratch directory shared by all test files (operation coverage is recorded there). */
  recordDir: string;
  /** Unique id of this run; every text the suite writes contains it, so runs never collide with existing data. */
  runId: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    gridkitTarget: GridkitTarget;
  }
}
