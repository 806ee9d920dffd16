import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { systemClock, type Clock } from './domain/time.js';
import { handlers } from './handlers/index.js';
import { createApp } from './http/app.js';
import { createLiveHub } from './http/live.js';
import { startWebhookDeliverer, type WebhookDeliveryOptions } from './webhook-deliverer.js';
import { parseFaultSpec, type FaultOptions } from './http/faults.js';
import { purgeIdempotencyKeys } from './http/idempotency.js';
import type { RateLimitOptions, ReadRateLimitOptions } from './http/rate-limit.js';
import { apiBase } from './limits.js';
import { trackingTokenHash } from './domain/ids.js';
import { demoTrackingToken } from './seed/cases.js';
import { seedDatabase, type SeedOptions, type SeedSummary } from './seed/index.js';
import { findCaseByTrackingTokenHash } from './store/cases.js';
import { openDatabase, type Db } from './store/database.js';
import { gridCount } from './store/grids.js';
import { createMediaStore } from './store/media-files.js';
import { mediaFileReferenced } from './store/media.js';
import { staffTokens, type StaffToken } from './store/staff.js';

export type { StaffToken };
export { staffTokens };

export interface ServerOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1; `0.0.0.0` to serve kiosks on the LAN. */
  host?: string;
  /** Folder of the SQLite file (`gridkit.sqlite`) and `media/`. Default: a fresh temporary folder. */
  dataDir?: string;
  /** Seed an empty database with the demo data (default), a benchmark size, or not at all. */
  seed?: SeedOptions['size'] | false;
  faults?: FaultOptions | string;
  corsOrigins?: string[] | '*';
  /** Public writes per client address (default 60 a minute); `false` turns every limit off, reads included. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Reads: without a staff token per client address (default 120 a minute,
   * bursts of 60), with one per token (600, bursts of 300); `false` turns them off.
   */
  readRateLimit?: ReadRateLimitOptions | false;
  /** Staff writes per token; `false` turns the limit off. Default 600 a minute in bursts of 300. */
  staffWriteRateLimit?: RateLimitOptions | false;
  /**
   * Reverse proxies trusted to name the client in `X-Forwarded-For`, for the
   * per-address limits: addresses, CIDR ranges, or `loopback`, `linklocal`,
   * `uniquelocal`. None by default: the connection's address counts.
   */
  trustedProxies?: readonly string[];
  /**
   * Concurrent writes share one transaction and one disk sync, each answered
   * once it is on disk (store/group-commit.ts). Default on; `false` commits
   * each write alone (the benchmark's baseline).
   */
  groupCommit?: boolean;
  /** Public reads that say until when they stay the same are answered from memory until then or the next write. Default on. */
  answerCache?: boolean;
  /** Check every response against the contract. Default: on unless NODE_ENV=production. */
  validateResponses?: boolean;
  clock?: Clock;
  log?: (line: string) => void;
  /** Demo pages to serve at `/`. */
  demoDir?: string;
  /**
   * How long a client may take to send a request's headers (default 20 s) and
   * the whole request (default 120 s: a 10 MiB photo at 1 Mbit/s takes 85 s);
   * past either, Node answers 408 and closes the connection (slow, slowloris-style clients).
   */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** How often an open live stream gets a keep-alive comment (default 15 s). */
  liveHeartbeatMs?: number;
  /** Webhook deliveries: how often due ones are sent, the receiver's timeout, the retry schedule. */
  webhooks?: WebhookDeliveryOptions;
}

export const defaultHeadersTimeoutMs = 20_000;
export const defaultRequestTimeoutMs = 120_000;

export interface StartedServer {
  /** `http://127.0.0.1:8787` */
  url: string;
  /** `url` + `/api/v1` */
  apiUrl: string;
  /** Where the demo pages are, when served. */
  demoUrl?: string;
  databaseFile: string;
  demoTokens: StaffToken[];
  /**
   * The demo case (documented token `DEM0-CASE-2026`), found on every start
   * of a database seeded with the demo data, not only on the start that seeded it.
   */
  demoCase?: { ticket: string; trackingToken: string; status: string };
  /** Set when this start seeded the database. */
  seeded?: SeedSummary;
  db: Db;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<StartedServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gridkit-'));
  const databaseFile = join(dataDir, 'gridkit.sqlite');
  const db = openDatabase(databaseFile);
  const clock = options.clock ?? systemClock;

  let seeded: SeedSummary | undefined;
  const empty = gridCount(db) === 0;
  if (empty && options.seed !== false) seeded = seedDatabase(db, { size: options.seed ?? 'demo', now: clock() });

  // Image files with no row (a crash between the file write and the row insert) go at start and hourly.
  const media = createMediaStore(join(dataDir, 'media'));
  const housekeeping = () => {
    purgeIdempotencyKeys(db, clock());
    // File ages are wall-clock time, whatever clock the data follows.
    media.sweep((sha256) => mediaFileReferenced(db, sha256), new Date());
  };
  housekeeping();
  const purgeTimer = setInterval(housekeeping, 60 * 60 * 1000);
  purgeTimer.unref();

  const live = createLiveHub({ clock, heartbeatMs: options.liveHeartbeatMs });
  const app = createApp({
    db,
    live,
    media,
    handlers,
    clock,
    validateResponses: options.validateResponses ?? process.env.NODE_ENV !== 'production',
    faults: typeof options.faults === 'string' ? parseFaultSpec(options.faults) : options.faults,
    corsOrigins: options.corsOrigins,
    rateLimit: options.rateLimit,
    readRateLimit: options.readRateLimit,
    staffWriteRateLimit: options.staffWriteRateLimit,
    trustedProxies: options.trustedProxies,
    groupCommit: options.groupCommit,
    answerCache: options.answerCache,
    log: options.log,
    demoDir: options.demoDir,
    demoStaffTokens: () => staffTokens(db),
  });

  const deliverer = startWebhookDeliverer(db, clock, options.webhooks, options.log);

  const server = await new Promise<ServerType>((resolve) => {
    const headersTimeout = options.headersTimeoutMs ?? defaultHeadersTimeoutMs;
    const requestTimeout = options.requestTimeoutMs ?? defaultRequestTimeoutMs;
    const started = serve(
      {
        fetch: app.fetch,
        port: options.port ?? 8787,
        hostname: options.host ?? '127.0.0.1',
        serverOptions: {
          headersTimeout,
          requestTimeout,
          // How often Node checks those timeouts (its default, 30 s, would let them run late).
          connectionsCheckingInterval: Math.min(5000, headersTimeout, requestTimeout),
        },
      },
      () => resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    apiUrl: `${url}${apiBase}`,
    demoUrl: options.demoDir ? `${url}/` : undefined,
    databaseFile,
    demoTokens: staffTokens(db),
    demoCase: demoCaseOf(db),
    seeded,
    db,
    close() {
      // Finish requests in flight, then release the database (checkpointing its WAL).
      closing ??= new Promise<void>((resolve) => {
        clearInterval(purgeTimer);
        // Live streams never end by themselves: end them, so the server closes at once.
        live.close();
        const delivering = deliverer.close();
        const force = setTimeout(
          () => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(),
          5000,
        );
        force.unref();
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        server.close(() => {
          clearTimeout(force);
          void delivering.then(() => {
            db.close();
            resolve();
          });
        });
      });
      return closing;
    },
  };
}

function demoCaseOf(db: Db): StartedServer['demoCase'] {
  const row = findCaseByTrackingTokenHash(db, trackingTokenHash(demoTrackingToken)!);
  return row && { ticket: row.ticket, trackingToken: demoTrackingToken, status: row.status };
}
