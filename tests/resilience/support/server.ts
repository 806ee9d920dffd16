/** Real mock servers on copies of the seeded database: in this process, or as a child process to kill. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';
import { startServer, type ServerOptions, type StartedServer } from '@gridkit/mock-server';

/** A new data directory holding a copy of the seeded demo database. */
export function freshDataDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `gridkit-resilience-${label}-`));
  copyFileSync(join(inject('templateDir'), 'gridkit.sqlite'), join(dir, 'gridkit.sqlite'));
  return dir;
}

/** The seeded demo server in this process, rate limits off unless asked for. */
export function serveInProcess(dataDir: string, options: ServerOptions = {}): Promise<StartedServer> {
  return startServer({ dataDir, port: 0, seed: false, rateLimit: false, ...options });
}

const cli = join(dirname(createRequire(import.meta.url).resolve('@gridkit/mock-server')), 'cli.js');

export interface ServerProcess {
  apiUrl: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** The published CLI (`gridkit-mock`) as a child process: the only way to SIGKILL a server. */
export function spawnServer(dataDir: string, args: string[] = []): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      cli,
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--no-seed',
      '--rate-limit',
      '0',
      '--read-rate-limit',
      '0',
      '--staff-write-rate-limit',
      '0',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready after 60 s:\n${output}`));
    }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /API\s+(http:\/\/\S+)/.exec(output);
      if (match && /Ready in/.test(output)) {
        clearTimeout(timer);
        resolve({ apiUrl: match[1]!, child, exited });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}
