import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Files run one after another (the suite shares one server and reads its
 * figures before and after acting), in name order, with the coverage check
 * last so that it sees every operation the other files exercised. The read
 * limit check (`zz-read-limit`) comes just before it by name: it uses up the
 * address's public read budget, which no later file then needs.
 */
class ConformanceSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const last = (f: TestSpecification) => (f.moduleId.endsWith('zz-operation-coverage.test.ts') ? 1 : 0);
    return [...files].sort((a, b) => last(a) - last(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  test: {
    include: ['suite/**/*.test.ts'],
    environment: 'node',
    globalSetup: './suite/support/global-setup.ts',
    setupFiles: ['./suite/support/setup-file.ts'],
    fileParallelism: false,
    sequence: { sequencer: ConformanceSequencer },
    reporters: ['default', 'json'],
    outputFile: { json: '../../.reports/conformance.json' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
