/**
 * Seeds the demo data set once for the whole run (about 10 s): each test copies
 * the database file into a data directory of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '@gridkit/mock-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory holding the seeded demo database (`gridkit.sqlite`, checkpointed). */
    templateDir: string;
  }
}

export default async function setup(project: TestProject) {
  const templateDir = mkdtempSync(join(tmpdir(), 'gridkit-resilience-template-'));
  const server = await startServer({ dataDir: templateDir, port: 0, seed: 'demo', rateLimit: false });
  // Closing checkpoints the WAL: the one file is then the whole database.
  await server.close();
  project.provide('templateDir', templateDir);
  return () => rmSync(templateDir, { recursive: true, force: true });
}
