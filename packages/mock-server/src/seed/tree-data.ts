/**
 * The fixed data of the demo district, as fixtures under `data/`, each
 * checked at seed time (see `fixtures.ts`):
 * - `teams.json`: the roles on a grid's notice board (label, kind of work
 *   phone, duties) and the team formulas the source articles name (文峰
 *   "1+3+N", 管城 "4+2+X", 徐碧's five roles, 北流's seven), with each
 *   formula's household range and service hours; the pool of services a
 *   grid or community offers;
 * - `district.json`: 文峰区 (Anyang), its streets and communities with their
 *   roads and grid counts, what the district, street and community offices
 *   offer, the streets benchmarks add, and the buildings below one grid;
 * - `demo-staff.json`: the people behind the demo staff tokens, and where
 *   they act.
 * All people are fictitious. Names referring to another entry (a role, a
 * formula, a node of the district) are checked too: a typo fails the seed.
 */
import type { Schemas } from '@gridkit/sdk';
import type { Issue } from '../domain/errors.js';
import type { JsonSchema } from '../http/contract.js';
import demoStaffData from './data/demo-staff.json' with { type: 'json' };
import districtData from './data/district.json' with { type: 'json' };
import teamsData from './data/teams.json' with { type: 'json' };
import { departments, type Department } from './categories.js';
import { fixture } from './fixtures.js';

type LocalizedText = Schemas['LocalizedText'];

/** A kind of member on a grid's team. */
export interface RoleSpec {
  role: Schemas['TeamRole'];
  /** Shown for roles a client may not know (and for the local names of known ones). */
  roleLabel?: LocalizedText;
  /** The work phone on the board: always a mobile (or now and then a landline), a landline, half the time a mobile, none. */
  phone: 'mobile' | 'landline' | 'maybe' | 'none';
  duties: string[];
}

/** How a grid's team (the leader excluded) is made up, in this order. */
export interface TeamSpec {
  /** Always there. */
  fixed: string[];
  /** One more, with this chance. */
  sometimes?: { role: string; chance: number };
  /** `count` more (an integer in the range), each drawn from `from`. */
  draw?: { count: [number, number]; from: string[] };
  /** `count` more of one role. */
  repeat?: { role: string; count: [number, number] };
}

export interface FormulaSpec {
  description: string;
  /** Households per grid: an integer in the range. */
  households: [number, number];
  /** A grid's service hours: one of these. */
  serviceHours: string[];
  team: TeamSpec;
}

export interface Teams {
  /** By key; `leader` and `worker` must exist (every grid has a leader; demo workers join as `worker`). */
  roles: Record<string, RoleSpec>;
  formulas: Record<string, FormulaSpec>;
  /** What grids and communities offer: a few consecutive-ish entries each. */
  services: string[];
}

export interface CommunitySpec {
  name: string;
  /** Latin slug, used in node names (`community:qiaobei`, `grid:qiaobei-02`) and demo token names. */
  slug: string;
  /** Community number inside the street, for the administrative code. */
  code: number;
  grids: number;
  roads: string[];
}

export interface StreetSpec {
  name: string;
  slug: string;
  /** Street number inside the district, for the administrative code. */
  code: number;
  /** A key of `teams.json`'s formulas. */
  formula: string;
  communities: CommunitySpec[];
}

export interface Office {
  serviceHours: string;
  services: string[];
}

export interface District {
  district: Office & {
    name: string;
    code: string;
    /** The prefix of the district's work-order numbers (`WF-20261122-0042`). */
    ticketPrefix: string;
    centroid: Schemas['GeoPoint'];
  };
  streetOffice: Office;
  /** A community's services are drawn from the teams' pool. */
  communityOffice: Pick<Office, 'serviceHours'>;
  /** The demo's streets, in order. */
  streets: StreetSpec[];
  /**
   * When more grids are wanted than the demo streets hold: street names to use
   * first, the formulas generated streets take in turn, communities per street
   * and grids per community (integers in the ranges), and how many of a town's
   * (镇) communities are villages (村).
   */
  generatedStreets: {
    names: string[];
    formulas: string[];
    communities: [number, number];
    gridsPerCommunity: [number, number];
    villageShareInTowns: number;
  };
  /** Roads of the district as a whole (streets, generated communities). */
  roads: string[];
  /** Residents per household in a grid: a real number in the range. */
  residentsPerHousehold: [number, number];
  /** Finer units below one grid, which then has these figures (households as in the contract's example). */
  buildings: {
    below: string;
    households: number;
    population: number;
    residentsPerHousehold: number;
    services: string[];
    head: { role: string; roleLabel: LocalizedText };
    units: { name: string; households: number }[];
  };
}

export interface DemoStaffSpec {
  token: string;
  name: string;
  role: Schemas['StaffRole'];
  /**
   * An admin acts for one node, a supervisor (监督员) verifies cases below one node, a `department` member works for
   * one unit (a street's or the district's); a worker is the `leader` of their grids or joins their teams as a grid
   * `worker`.
   */
  as: 'admin' | 'supervisor' | 'department' | 'leader' | 'worker';
  /** Node names: `district`, `street:<slug>`, `community:<slug>`, `grid:<community slug>-<NN>`. */
  nodes: string[];
  /** A department member's unit: the department handling this kind of work at their node (`city` → 城管执法中队). */
  unit?: Department;
  label: string;
}

export interface TreeData {
  teams: Teams;
  district: District;
  demoStaff: DemoStaffSpec[];
}

// ── schemas ───────────────────────────────────────────────────────────────────

const text = { type: 'string', minLength: 1 };
const texts = { type: 'array', minItems: 1, items: text };
const positive = { type: 'number', exclusiveMinimum: 0 };
const share = { type: 'number', minimum: 0, maximum: 1 };
const range = (minimum: number): JsonSchema => ({
  type: 'array',
  prefixItems: [
    { type: 'integer', minimum },
    { type: 'integer', minimum },
  ],
  minItems: 2,
  maxItems: 2,
});
/** An object with these properties and no others. */
const object = (required: string[], properties: Record<string, unknown>): JsonSchema => ({
  type: 'object',
  required,
  properties,
  additionalProperties: false,
});
const keysOf = (value: unknown): string[] =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
const oneOfKeys = (value: unknown): JsonSchema => ({ enum: keysOf(value) });
const serviceHours = { $ref: '#/components/schemas/NoticeBoard/properties/serviceHours', minLength: 1 };
const services = { $ref: '#/components/schemas/NoticeBoard/properties/services', minItems: 1, items: text };

const teamsSchema = (): JsonSchema => {
  const role = oneOfKeys(teamsData.roles);
  return object(['roles', 'formulas', 'services'], {
    roles: {
      type: 'object',
      required: ['leader', 'worker'],
      additionalProperties: object(['role', 'phone', 'duties'], {
        role: { $ref: '#/components/schemas/TeamRole' },
        roleLabel: { $ref: '#/components/schemas/LocalizedText' },
        phone: { enum: ['mobile', 'landline', 'maybe', 'none'] },
        duties: { $ref: '#/components/schemas/TeamMember/properties/duties', minItems: 1, items: text },
      }),
    },
    formulas: {
      type: 'object',
      minProperties: 1,
      additionalProperties: object(['description', 'households', 'serviceHours', 'team'], {
        description: text,
        households: range(0),
        serviceHours: { type: 'array', minItems: 1, items: serviceHours },
        team: object(['fixed'], {
          fixed: { type: 'array', items: role },
          sometimes: object(['role', 'chance'], {
            role,
            chance: share,
          }),
          draw: object(['count', 'from'], { count: range(0), from: { type: 'array', minItems: 1, items: role } }),
          repeat: object(['role', 'count'], { role, count: range(0) }),
        }),
      }),
    },
    services,
  });
};

const slug = { type: 'string', pattern: '^[a-z][a-z0-9]*$' };
const distinctTexts = { ...texts, uniqueItems: true };

const districtSchema = (): JsonSchema => {
  const formula = oneOfKeys(teamsData.formulas);
  const required = ['district', 'streetOffice', 'communityOffice', 'streets', 'generatedStreets', 'roads'];
  return object([...required, 'residentsPerHousehold', 'buildings'], {
    district: object(['name', 'code', 'ticketPrefix', 'centroid', 'serviceHours', 'services'], {
      name: text,
      // The first part of a grid code (`410502-003-012-02`).
      code: { type: 'string', pattern: '^[0-9]{6}$' },
      // The prefix part of the contract's Ticket pattern.
      ticketPrefix: { type: 'string', pattern: '^[A-Z]{2,6}$' },
      centroid: { $ref: '#/components/schemas/GeoPoint' },
      serviceHours,
      services,
    }),
    streetOffice: object(['serviceHours', 'services'], { serviceHours, services }),
    communityOffice: object(['serviceHours'], { serviceHours }),
    streets: {
      type: 'array',
      minItems: 1,
      items: object(['name', 'slug', 'code', 'formula', 'communities'], {
        name: text,
        slug,
        // Codes are written with 3 digits (streets, communities) and grid numbers with 2.
        code: { type: 'integer', minimum: 1, maximum: 999 },
        formula,
        communities: {
          type: 'array',
          minItems: 1,
          items: object(['name', 'slug', 'code', 'grids', 'roads'], {
            name: text,
            slug,
            code: { type: 'integer', minimum: 1, maximum: 999 },
            grids: { type: 'integer', minimum: 1, maximum: 99 },
            roads: texts,
          }),
        },
      }),
    },
    generatedStreets: object(['names', 'formulas', 'communities', 'gridsPerCommunity', 'villageShareInTowns'], {
      names: distinctTexts,
      formulas: { type: 'array', minItems: 1, items: formula },
      communities: range(1),
      gridsPerCommunity: range(1),
      villageShareInTowns: share,
    }),
    roads: texts,
    residentsPerHousehold: {
      type: 'array',
      prefixItems: [positive, positive],
      minItems: 2,
      maxItems: 2,
    },
    buildings: object(['below', 'households', 'population', 'residentsPerHousehold', 'services', 'head', 'units'], {
      below: { type: 'string' },
      households: { $ref: '#/components/schemas/Grid/properties/households', type: 'integer' },
      population: { $ref: '#/components/schemas/Grid/properties/population', type: 'integer' },
      residentsPerHousehold: positive,
      services,
      head: object(['role', 'roleLabel'], {
        role: oneOfKeys(teamsData.roles),
        roleLabel: { $ref: '#/components/schemas/LocalizedText' },
      }),
      units: {
        type: 'array',
        minItems: 1,
        maxItems: 99,
        items: object(['name', 'households'], {
          name: text,
          households: { $ref: '#/components/schemas/Grid/properties/households', type: 'integer' },
        }),
      },
    }),
  });
};

const demoStaffSchema: JsonSchema = {
  type: 'array',
  items: {
    ...object(['token', 'name', 'role', 'as', 'nodes', 'label'], {
      // Demo tokens say what they are.
      token: { type: 'string', pattern: '^demo-[a-z0-9-]+$' },
      name: { $ref: '#/components/schemas/StaffPrincipal/properties/name', minLength: 1 },
      role: { $ref: '#/components/schemas/StaffRole' },
      as: { enum: ['admin', 'supervisor', 'department', 'leader', 'worker'] },
      nodes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
      unit: { enum: [...departments] },
      label: text,
    }),
    // An admin, a supervisor or a department's member acts for one node, in the role of that name (a department's
    // member for one unit there); leaders and workers are grid workers.
    if: { properties: { as: { enum: ['admin', 'supervisor', 'department'] } } },
    then: {
      properties: { nodes: { maxItems: 1 } },
      if: { properties: { as: { const: 'admin' } } },
      then: { properties: { role: { const: 'admin' } } },
      else: {
        if: { properties: { as: { const: 'supervisor' } } },
        then: { properties: { role: { const: 'supervisor' } } },
        else: { required: ['unit'], properties: { role: { const: 'department' } } },
      },
    },
    else: { properties: { role: { const: 'grid_worker' } } },
  },
};

// ── references ────────────────────────────────────────────────────────────────

/** Every node the demo streets name (`district`, `street:xiguan`, `community:qiaobei`, `grid:qiaobei-02`, …). */
function demoNodeNames(data: District): Map<string, 'district' | 'street' | 'community' | 'grid'> {
  const names = new Map<string, 'district' | 'street' | 'community' | 'grid'>([['district', 'district']]);
  for (const street of data.streets) {
    names.set(`street:${street.slug}`, 'street');
    for (const community of street.communities) {
      names.set(`community:${community.slug}`, 'community');
      for (let g = 1; g <= community.grids; g++)
        names.set(`grid:${community.slug}-${String(g).padStart(2, '0')}`, 'grid');
    }
  }
  return names;
}

const nodeHelp = 'names no node of the demo district (district, street:<slug>, community:<slug>, grid:<slug>-<NN>)';

/** Slugs name the demo nodes and codes make up grid codes: each must be unique where it counts. */
function districtReferences(data: District): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  const once = (what: string, path: string): void => {
    const first = seen.get(what);
    if (first) issues.push({ path, message: `repeats ${what} (first at ${first})` });
    else seen.set(what, path);
  };
  data.streets.forEach((street, s) => {
    once(`street:${street.slug}`, `/streets/${s}/slug`);
    once(`street code ${street.code}`, `/streets/${s}/code`);
    street.communities.forEach((community, c) => {
      once(`community:${community.slug}`, `/streets/${s}/communities/${c}/slug`);
      once(`community code ${community.code} in ${street.name}`, `/streets/${s}/communities/${c}/code`);
    });
  });
  const below = issues.length === 0 ? demoNodeNames(data).get(data.buildings.below) : 'grid';
  if (!below) issues.push({ path: '/buildings/below', message: nodeHelp });
  else if (below !== 'grid')
    issues.push({ path: '/buildings/below', message: `is a ${below}; buildings go below a grid` });
  return issues;
}

function demoStaffReferences(staff: DemoStaffSpec[]): Issue[] {
  const nodes = demoNodeNames(districtData as District);
  const issues: Issue[] = [];
  const tokens = new Map<string, number>();
  staff.forEach((entry, i) => {
    const first = tokens.get(entry.token);
    if (first === undefined) tokens.set(entry.token, i);
    else issues.push({ path: `/${i}/token`, message: `repeats the token of /${first}` });
  });
  staff.forEach((entry, i) =>
    entry.nodes.forEach((name, j) => {
      const level = nodes.get(name);
      if (!level) issues.push({ path: `/${i}/nodes/${j}`, message: nodeHelp });
      else if (entry.as === 'department' && level !== 'street' && level !== 'district')
        issues.push({
          path: `/${i}/nodes/${j}`,
          message: `is a ${level}; departments are a street's or the district's`,
        });
      else if (entry.as !== 'admin' && entry.as !== 'supervisor' && entry.as !== 'department' && level !== 'grid')
        issues.push({ path: `/${i}/nodes/${j}`, message: `is a ${level}; a ${entry.as} acts in grids` });
    }),
  );
  return issues;
}

// ── the fixtures ──────────────────────────────────────────────────────────────

const teams = fixture<Teams>('seed/data/teams.json', teamsSchema, teamsData);
const districtFixture = fixture<District>('seed/data/district.json', districtSchema, districtData, {
  references: districtReferences,
});
const demoStaff = fixture<DemoStaffSpec[]>('seed/data/demo-staff.json', demoStaffSchema, demoStaffData, {
  references: demoStaffReferences,
});

/** All three, checked (teams first: the district names its formulas and roles, the staff name the district's nodes). */
export function readTreeData(): TreeData {
  return { teams: teams.read(), district: districtFixture.read(), demoStaff: demoStaff.read() };
}

/**
 * The district's identity (name, code, ticket prefix, centroid) for the parts
 * of the seed that use it after the tree is built, when `readTreeData()` has
 * checked it.
 */
export const district = (districtData as District).district;
