/**
 * Durability with a real server process on a real SQLite file: kill it with
 * SIGKILL in the middle of a stream of reports, start it again, and check
 * that every acknowledged report is there, and that resending the
 * unacknowledged ones with their keys makes each exactly one case.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createGridkitClient, newIdempotencyKey, type CaseReceipt } from '@gridkit/sdk';
import { openDatabase } from '../src/store/database.js';
import { startCliProcess } from './support/cli-process.js';
import { buildFixture } from './support/fixture.js';
import { report } from './support/harness.js';

const children: ChildProcess[] = [];
afterEach(() => children.forEach((child) => child.kill('SIGKILL')));

async function startProcess(dataDir: string) {
  const started = await startCliProcess(dataDir, ['--read-rate-limit', '0']);
  children.push(started.child);
  return started;
}

it('keeps every acknowledged report across a crash, and doubles none on resend', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gridkit-restart-'));
  const db = openDatabase(join(dataDir, 'gridkit.sqlite'));
  buildFixture(db);
  db.close();

  const first = await startProcess(dataDir);
  const client = createGridkitClient({ baseUrl: first.apiUrl, retry: false, timeoutMs: 5000 });
  const keys = Array.from({ length: 120 }, () => newIdempotencyKey());
  const acknowledged = new Map<string, CaseReceipt>();
  let sent = 0;
  // Ten reporters at once; the server dies after the 40th acknowledgement.
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (sent < keys.length) {
        const key = keys[sent++]!;
        try {
          acknowledged.set(
            key,
            await client.cases.create(report({ description: `报告 ${key}` }), { idempotencyKey: key }),
          );
          if (acknowledged.size === 40) first.child.kill('SIGKILL');
        } catch {
          // Lost with the server: resent below.
        }
      }
    }),
  );
  expect(acknowledged.size).toBeGreaterThanOrEqual(40);
  expect(acknowledged.size).toBeLessThan(keys.length);

  const second = await startProcess(dataDir);
  const again = createGridkitClient({ baseUrl: second.apiUrl, timeoutMs: 5000 });
  for (const receipt of acknowledged.values()) {
    await expect(again.cases.getPublic(receipt.ticket)).resolves.toMatchObject({
      ticket: receipt.ticket,
      status: 'submitted',
    });
  }
  // Resend everything, acknowledged or not, with its key: each key is one case.
  const resent = await Promise.all(
    keys.map((key) => again.cases.create(report({ description: `报告 ${key}` }), { idempotencyKey: key })),
  );
  for (const [key, receipt] of acknowledged) expect(resent[keys.indexOf(key)]!.ticket).toBe(receipt.ticket);
  expect(new Set(resent.map((r) => r.ticket)).size).toBe(keys.length);
  second.child.kill('SIGTERM');
  await new Promise((resolve) => second.child.once('exit', resolve));

  const check = openDatabase(join(dataDir, 'gridkit.sqlite'));
  expect(check.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(keys.length);
  check.close();
}, 60_000);
