import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { target } from './support/client.js';
import { contractOperationIds, OPERATION_IDS, recordedOperations } from './support/operations.js';

const suiteDir = fileURLToPath(new URL('.', import.meta.url));

describe('operation coverage', () => {
  it('the suite knows every operation of the contract', () => {
    const fromContract = contractOperationIds();
    if (fromContract) expect([...fromContract].sort()).toEqual([...OPERATION_IDS].sort());
    expect(OPERATION_IDS).toHaveLength(36);
  });

  it('every one of the 36 operations answered successfully at least once during this run', (ctx) => {
    const { recordDir } = target();
    const filesLog = join(recordDir, 'files.log');
    const ran = new Set(existsSync(filesLog) ? readFileSync(filesLog, 'utf8').split('\n').filter(Boolean) : []);
    const suiteFiles = readdirSync(suiteDir)
      .filter((f) => f.endsWith('.test.ts') && !f.startsWith('zz-'))
      .map((f) => join(suiteDir, f));
    const missingFiles = suiteFiles.filter((f) => !ran.has(f));
    if (missingFiles.length > 0) return ctx.skip(); // a filtered run: coverage is only meaningful for the whole suite
    const seen = recordedOperations(recordDir);
    const missing = OPERATION_IDS.filter((id) => !seen.has(id));
    expect(missing, `operations never exercised successfully: ${missing.join(', ')}`).toEqual([]);
  });
});
