import { afterEach, describe, expect, it, vi } from 'vitest';
import shipped from '../src/seed/data/categories.json' with { type: 'json' };
import shippedDemoStaff from '../src/seed/data/demo-staff.json' with { type: 'json' };
import shippedDistrict from '../src/seed/data/district.json' with { type: 'json' };
import shippedTeams from '../src/seed/data/teams.json' with { type: 'json' };
import { seedDatabase as seedShipped } from '../src/seed/index.js';
import { openDatabase } from '../src/store/database.js';

const now = new Date('2026-11-22T01:15:30.000Z');
const fixturePath = '../src/seed/data/categories.json';
const treeFixtures = {
  teams: '../src/seed/data/teams.json',
  district: '../src/seed/data/district.json',
  demoStaff: '../src/seed/data/demo-staff.json',
} as const;
const mocked = new Set<string>();

/** The seed module, loaded fresh with the given data in place of the shipped fixtures (by path). */
async function seedWithFixtures(fixtures: Record<string, unknown>) {
  vi.resetModules();
  for (const [path, data] of Object.entries(fixtures)) {
    mocked.add(path);
    vi.doMock(path, () => ({ default: data }));
  }
  const [{ seedDatabase }, { SeedFixtureError }] = await Promise.all([
    import('../src/seed/index.js'),
    import('../src/seed/fixtures.js'),
  ]);
  return { seedDatabase, SeedFixtureError };
}

/** The seed module, loaded fresh with `categories` in place of the shipped fixture. */
function seedWith(categories: unknown) {
  return seedWithFixtures({ [fixturePath]: categories });
}

/** The shipped categories with one entry changed. */
function withEntry(index: number, change: (entry: Record<string, unknown>) => void): unknown[] {
  const copy = structuredClone(shipped) as Record<string, unknown>[];
  change(copy[index]!);
  return copy;
}

/** A deep copy of a shipped fixture, changed. */
function changed<T>(data: T, change: (copy: T) => void): T {
  const copy = structuredClone(data);
  change(copy);
  return copy;
}

function rowCounts(db: ReturnType<typeof openDatabase>): Record<string, number> {
  const tables = ['grids', 'team_members', 'staff', 'categories', 'notices', 'cases', 'case_events', 'service_logs'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}

/** What seeding a fresh database threw (the seed must throw). */
function seedError(seedDatabase: typeof seedShipped, db = openDatabase(':memory:')): Error {
  try {
    seedDatabase(db, { now, size: { grids: 5, cases: 10 } });
  } catch (error) {
    return error as Error;
  }
  throw new Error('the seed did not fail');
}

afterEach(() => {
  for (const path of mocked) vi.doUnmock(path);
  mocked.clear();
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

describe('the grid tree fixtures (district, teams, demo staff)', () => {
  it('a team formula naming a role that does not exist fails the seed, naming the file and the pointer, and writes nothing', async () => {
    const { seedDatabase, SeedFixtureError } = await seedWithFixtures({
      [treeFixtures.teams]: changed(shippedTeams, (teams) => {
        teams.formulas.wenfeng.team.fixed[1] = 'streetOficer';
      }),
    });
    const db = openDatabase(':memory:');
    const error = seedError(seedDatabase, db);
    expect(error).toBeInstanceOf(SeedFixtureError);
    expect(error.message).toMatch(
      /^Seed fixture seed\/data\/teams\.json is invalid: \/formulas\/wenfeng\/team\/fixed\/1 must be one of: leader, worker, /,
    );
    expect(Object.values(rowCounts(db)).every((n) => n === 0)).toBe(true);
    // Still empty and usable: the shipped fixtures seed it.
    expect(seedShipped(db, { now, size: { grids: 5, cases: 10 } }).grids).toBe(5);
  });

  it('a role that breaks the contract’s TeamRole, or a label that breaks LocalizedText, is reported at its pointer', async () => {
    const { seedDatabase } = await seedWithFixtures({
      [treeFixtures.teams]: changed(shippedTeams, (teams) => {
        teams.roles.doctor.role = 'Area Doctor';
        (teams.roles.partySecretary.roleLabel as Record<string, string>).fr = 'Secrétaire';
      }),
    });
    const { message } = seedError(seedDatabase);
    expect(message).toContain('seed/data/teams.json');
    expect(message).toContain('/roles/doctor/role must match pattern');
    expect(message).toContain('/roles/partySecretary/roleLabel/fr is not allowed');
  });

  it('a district that breaks the contract fails the seed: a centroid off the globe, an unknown formula, a misspelt field', async () => {
    const { seedDatabase, SeedFixtureError } = await seedWithFixtures({
      [treeFixtures.district]: changed(shippedDistrict, (district) => {
        district.district.centroid.lat = 136.09;
        district.streets[2]!.formula = 'shanghai';
        (district.streets[0]!.communities[1] as Record<string, unknown>).grid = 5;
      }),
    });
    const error = seedError(seedDatabase);
    expect(error).toBeInstanceOf(SeedFixtureError);
    expect(error.message).toContain('Seed fixture seed/data/district.json is invalid:');
    expect(error.message).toContain('/district/centroid/lat must be <= 90');
    expect(error.message).toMatch(/\/streets\/2\/formula must be one of: wenfeng, guancheng, xubi, beiliu/);
    expect(error.message).toContain('/streets/0/communities/1/grid is not allowed');
  });

  it('two communities with one slug fail the seed (their grids would share demo names)', async () => {
    const { seedDatabase } = await seedWithFixtures({
      [treeFixtures.district]: changed(shippedDistrict, (district) => {
        district.streets[1]!.communities[0]!.slug = 'qiaobei';
      }),
    });
    expect(seedError(seedDatabase).message).toBe(
      'Seed fixture seed/data/district.json is invalid: /streets/1/communities/0/slug repeats community:qiaobei (first at /streets/0/communities/0/slug)',
    );
  });

  it('buildings placed below a community fail the seed', async () => {
    const { seedDatabase } = await seedWithFixtures({
      [treeFixtures.district]: changed(shippedDistrict, (district) => {
        district.buildings.below = 'community:qiaobei';
      }),
    });
    expect(seedError(seedDatabase).message).toBe(
      'Seed fixture seed/data/district.json is invalid: /buildings/below is a community; buildings go below a grid',
    );
  });

  it('two communities of a street with one code fail the seed (their grid codes would clash)', async () => {
    const { seedDatabase } = await seedWithFixtures({
      [treeFixtures.district]: changed(shippedDistrict, (district) => {
        district.streets[0]!.communities[3]!.code = 12;
      }),
    });
    expect(seedError(seedDatabase).message).toBe(
      'Seed fixture seed/data/district.json is invalid: /streets/0/communities/3/code repeats community code 12 in 西关街道 (first at /streets/0/communities/0/code)',
    );
  });

  it('a demo staff member placed in a grid the district does not have, or a token given twice, fails the seed', async () => {
    const { seedDatabase } = await seedWithFixtures({
      [treeFixtures.demoStaff]: changed(shippedDemoStaff, (staff) => {
        staff[4]!.nodes[1] = 'grid:qiaobei-40';
        staff[6]!.token = staff[3]!.token;
      }),
    });
    expect(seedError(seedDatabase).message).toBe(
      'Seed fixture seed/data/demo-staff.json is invalid: /6/token repeats the token of /3; ' +
        '/4/nodes/1 names no node of the demo district (district, street:<slug>, community:<slug>, grid:<slug>-<NN>)',
    );
  });

  it('a demo staff role outside the contract’s StaffRole, or an admin who is not an admin, fails the seed', async () => {
    const { seedDatabase } = await seedWithFixtures({
      [treeFixtures.demoStaff]: changed(shippedDemoStaff, (staff) => {
        staff[0]!.role = 'mayor';
        staff[1]!.role = 'grid_worker';
      }),
    });
    const { message } = seedError(seedDatabase);
    expect(message).toContain('seed/data/demo-staff.json');
    expect(message).toContain('/0/role must be one of: grid_worker, supervisor, department, admin');
    expect(message).toContain('/1/role must be equal to constant');
  });

  it('the fixtures are what the seed writes: a changed street office, role label and demo name show in the data', async () => {
    const { seedDatabase } = await seedWithFixtures({
      [treeFixtures.district]: changed(shippedDistrict, (district) => {
        district.streetOffice.serviceHours = '周一至周日 9:00–17:00';
      }),
      [treeFixtures.teams]: changed(shippedTeams, (teams) => {
        teams.roles.partySecretary.roleLabel!.en = 'Party branch secretary';
      }),
      [treeFixtures.demoStaff]: changed(shippedDemoStaff, (staff) => {
        staff[3]!.name = '李建国';
      }),
    });
    const db = openDatabase(':memory:');
    // Two grids: 西关街道 (a 文峰 "1+3+N" street, with party secretaries) and 桥北社区第二网格 are there.
    const summary = seedDatabase(db, { now, size: { grids: 2, cases: 0 } });
    const streetHours = db.prepare("SELECT DISTINCT service_hours FROM grids WHERE level = 'street'").pluck().all();
    expect(streetHours).toEqual(['周一至周日 9:00–17:00']);
    const labels = db
      .prepare("SELECT DISTINCT role_label FROM team_members WHERE role = 'party_secretary'")
      .pluck()
      .all() as string[];
    expect(labels.map((l) => JSON.parse(l))).toEqual([
      { 'zh-CN': '网格党支部书记', 'zh-TW': '網格黨支部書記', en: 'Party branch secretary' },
    ]);
    const q2 = summary.tokens.find((t) => t.token === 'demo-worker-qiaobei-02')!;
    expect(q2.name).toBe('李建国');
    const leader = db
      .prepare('SELECT name FROM team_members WHERE grid_id = ? AND is_leader = 1')
      .pluck()
      .get(q2.gridIds[0]);
    expect(leader).toBe('李建国');
  });

  it('the demo tokens are the fixture’s, in its order, with the nodes it names', () => {
    const db = openDatabase(':memory:');
    // The demo's 100 grids hold every demo node; no cases needed.
    const summary = seedShipped(db, { now, size: { grids: 100, cases: 0 } });
    expect(summary.tokens.map((t) => [t.token, t.name, t.role, t.label])).toEqual(
      shippedDemoStaff.map((s) => [s.token, s.name, s.role, s.label]),
    );
    const code = (id: string) => db.prepare('SELECT code FROM grids WHERE id = ?').pluck().get(id);
    const worker = summary.tokens.find((t) => t.token === 'demo-worker-qiaobei-0304')!;
    // 西关街道 is street 003, 桥北社区 community 012 (data/district.json).
    expect(worker.gridIds.map(code)).toEqual(['410502-003-012-03', '410502-003-012-04']);
  });
});
