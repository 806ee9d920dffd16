/**
 * The case categories of the demo (data in `data/categories.json`): the kinds
 * of cases the source articles name (DOMAIN.md, "Cases"), split after China's
 * digital city management standard into components (部件), events (事件),
 * services and disputes, with Open311-style extra fields. Each entry is a
 * contract `Category` plus what the seed needs to write believable cases: how
 * often it is reported, which departments handle it, how far it tends to
 * climb, and Chinese text templates (`{place}` is replaced by a short place
 * such as 桥北路23号院东门).
 */
import type { Schemas } from '@gridkit/sdk';
import data from './data/categories.json' with { type: 'json' };
import { fixture } from './fixtures.js';
import type { Rng } from './random.js';

/** Which kind of unit handles a category above the grid (names are built per street / district). */
export const departments = [
  'sanitation',
  'city',
  'municipal',
  'lighting',
  'greenery',
  'judicial',
  'safety',
  'civil',
  'housing',
  'market',
  'police',
] as const;
export type Department = (typeof departments)[number];

export type CategorySeed = Schemas['Category'] & {
  /** Relative frequency of reports. */
  weight: number;
  department: Department;
  /** Weights of the level at which cases end up closed: grid, community, street, district. */
  closedLevels: readonly [number, number, number, number];
  /** Report texts. */
  reports: readonly string[];
  /** What staff write when they resolve it (also the public note). */
  results: readonly string[];
  /** Why a verification fails (返工). */
  reworks: readonly string[];
  /** Answers for number attributes: [min, max]. */
  numberRanges?: Record<string, readonly [number, number]>;
  /** Answers for string attributes: `prefix` + a number in 1..`max` padded to `digits`. */
  serialNumbers?: Record<string, { prefix: string; digits: number; max: number }>;
};

const texts = { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } };
const levelWeight = { type: 'integer', minimum: 0 };

/** A contract `Category` (by `$ref`) plus the seed-only fields; nothing else. */
const categoryFixture = fixture<CategorySeed[]>(
  'seed/data/categories.json',
  {
    type: 'array',
    minItems: 1,
    items: {
      $ref: '#/components/schemas/Category',
      required: ['weight', 'department', 'closedLevels', 'reports', 'results', 'reworks'],
      properties: {
        weight: { type: 'integer', minimum: 1 },
        department: { enum: [...departments] },
        closedLevels: {
          type: 'array',
          prefixItems: [levelWeight, levelWeight, levelWeight, levelWeight],
          minItems: 4,
          maxItems: 4,
        },
        reports: texts,
        results: texts,
        reworks: texts,
        numberRanges: {
          type: 'object',
          additionalProperties: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
        },
        serialNumbers: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['prefix', 'digits', 'max'],
            properties: {
              prefix: { type: 'string' },
              digits: { type: 'integer', minimum: 1 },
              max: { type: 'integer', minimum: 1 },
            },
            additionalProperties: false,
          },
        },
      },
      unevaluatedProperties: false,
    },
  },
  data,
);

/** The demo's categories, checked against the contract (throws `SeedFixtureError` if they break it). */
export const readCategories = (): readonly CategorySeed[] => categoryFixture.read();

/** An answer for each attribute: always the required ones, most optional ones. */
export function answerAttributes(
  category: CategorySeed,
  rng: Rng,
): Record<string, string | number | boolean | string[]> {
  const answers: Record<string, string | number | boolean | string[]> = {};
  for (const attribute of category.attributes) {
    if (!attribute.required && !rng.chance(0.6)) continue;
    switch (attribute.datatype) {
      case 'singlevaluelist':
        answers[attribute.code] = rng.pick(attribute.options!).key;
        break;
      case 'multivaluelist': {
        const keys = attribute.options!.map((o) => o.key);
        const first = rng.pick(keys);
        const second = rng.pick(keys);
        answers[attribute.code] = first === second || !rng.chance(0.4) ? [first] : [first, second];
        break;
      }
      case 'boolean':
        answers[attribute.code] = rng.chance(0.5);
        break;
      case 'number': {
        const [min, max] = category.numberRanges?.[attribute.code] ?? [1, 10];
        answers[attribute.code] = rng.int(min, max);
        break;
      }
      default: {
        const serial = category.serialNumbers?.[attribute.code];
        if (serial)
          answers[attribute.code] = serial.prefix + String(rng.int(1, serial.max)).padStart(serial.digits, '0');
      }
    }
  }
  return answers;
}

/** The stored form (the `categories` row's `name`, `description`, `attributes` columns). */
export function categoryRow(category: CategorySeed, sortOrder: number): Record<string, unknown> {
  return {
    code: category.code,
    name: JSON.stringify(category.name),
    kind: category.kind,
    description: category.description ? JSON.stringify(category.description) : null,
    sla_hours: category.slaHours,
    default_priority: category.defaultPriority,
    requires_location: category.requiresLocation ? 1 : 0,
    requires_photo: category.requiresPhoto ? 1 : 0,
    attributes: JSON.stringify(category.attributes),
    sort_order: sortOrder,
  };
}
