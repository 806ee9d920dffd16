/** The run's size (short for CI, full by hand) and where its figures go. */
import { mkdirSync, writeFileSync } from 'node:fs';

export const full = process.env.RESILIENCE === 'full';
/** `short` in a CI-sized run, `long` in the full one. */
export const size = <T>(short: T, long: T): T => (full ? long : short);

const figuresDir = new URL('../../../.reports/resilience-figures/', import.meta.url);

/** Prints a test's figures and keeps them beside the test reports (`.reports/resilience-figures/<name>.json`). */
export function reportFigures(name: string, figures: Record<string, unknown>) {
  const run = { run: full ? 'full' : 'short', ...figures };
  console.log(`[resilience] ${name}: ${JSON.stringify(run)}`);
  mkdirSync(figuresDir, { recursive: true });
  writeFileSync(new URL(`${name}.json`, figuresDir), JSON.stringify(run, null, 2) + '\n');
}
