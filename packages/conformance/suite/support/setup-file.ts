import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, inject } from 'vitest';
import './target.js';

// Note which files ran, so the coverage check knows whether it saw the whole suite.
// eslint-disable-next-line no-empty-pattern -- vitest requires destructuring for the (unused) fixtures argument
beforeAll(({}, suite) => {
  appendFileSync(join(inject('gridkitTarget').recordDir, 'files.log'), `${suite.file.filepath}\n`);
});
