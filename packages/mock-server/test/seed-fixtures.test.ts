import { afterEach, describe, expect, it, vi } from 'vitest';
import shipped from '../src/seed/data/categories.json' with { type: 'json' };
import { seedDatabase as seedShipped } from '../src/seed/index.js';
import { openDatabase } from '../src/store/database.js';

const now = new Date('2026-11-22T01:15:30.000Z');
const fixturePath = '../src/seed/data/categories.json';

/** The seed module, loaded fresh with `categories` in place of the shipped fixture. */
async function seedWith(categories: unknown) {
  vi.resetModules();
  vi.doMock(fixturePath, () => ({ default: categories }));
  const [{ seedDatabase }, { SeedFixtureError }] = await Promise.all([
    import('../src/seed/index.js'),
    import('../src/seed/fixtures.js'),
  ]);
  return { seedDatabase, SeedFixtureError };
}

/** The shipped categories with one entry changed. */
function withEntry(index: number, change: (entry: Record<string, unknown>) => void): unknown[] {
  const copy = structuredClone(shipped) as Record<string, unknown>[];
  change(copy[index]!);
  return copy;
}

function rowCounts(db: ReturnType<typeof openDatabase>): Record<string, number> {
  const tables = ['grids', 'team_members', 'staff', 'categories', 'notices', 'cases', 'case_events', 'service_logs'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}

afterEach(() => {
  vi.doUnmock(fixturePath);
  vi.resetModules();
});

describe('seed fixtures', () => {
  it('a category with a kind the contract does not know fails the seed, naming the file and the pointer, and writes nothing', async () => {
    const { seedDatabase, SeedFixtureError } = await seedWith(
      withEntry(3, (entry) => {
        entry.kind = 'hazard';
      }),
    );
    const db = openDatabase(':memory:');
    let thrown: unknown;
    try {
      seedDatabase(db, { now, size: { grids: 5, cases: 10 } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SeedFixtureError);
    expect((thrown as Error).message).toContain('seed/data/categories.json');
    expect((thrown as Error).message).toMatch(/\/3\/kind must be one of: component, event, service, dispute/);
    expect(Object.values(rowCounts(db)).every((n) => n === 0)).toBe(true);
    // Still empty and usable: the shipped fixtures seed it.
    expect(seedShipped(db, { now, size: { grids: 5, cases: 10 } }).categories).toBe(shipped.length);
  });

  it('an attribute that breaks the contract is reported at its pointer', async () => {
    const { seedDatabase } = await seedWith(
      withEntry(0, (entry) => {
        (entry.attributes as Record<string, unknown>[])[0]!.code = 'Damage Type';
      }),
    );
    expect(() => seedDatabase(openDatabase(':memory:'), { now, size: { grids: 5, cases: 10 } })).toThrow(
      /seed\/data\/categories\.json.*\/0\/attributes\/0\/code must match pattern/,
    );
  });

  it('the seed-only fields are checked too: an unknown department, a misspelt field', async () => {
    const { seedDatabase } = await seedWith(
      withEntry(1, (entry) => {
        entry.department = 'fire_brigade';
        entry.requirePhoto = true;
      }),
    );
    let message = '';
    try {
      seedDatabase(openDatabase(':memory:'), { now, size: { grids: 5, cases: 10 } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/\/1\/department must be one of: sanitation, /);
    expect(message).toContain('/1/requirePhoto is not allowed');
  });

  it('a category missing a contract field fails the seed', async () => {
    const { seedDatabase } = await seedWith(
      withEntry(2, (entry) => {
        delete entry.slaHours;
      }),
    );
    expect(() => seedDatabase(openDatabase(':memory:'), { now, size: { grids: 5, cases: 10 } })).toThrow(
      /\/2\/slaHours is required/,
    );
  });
});
