/**
 * The units cases are dispatched to (`units`): each street's functional
 * departments (环卫所, 城管执法中队, 派出所, 市场监管所, 城建办, …), each
 * community's own bodies (居委会, 人民调解委员会, 服务站) and the district's
 * bureaus. Every department has a staff member who acts in the cases (the
 * demo's from `demo-staff.json`, the others generated): they report what
 * their inspections find, and start and resolve what is dispatched to them.
 * Ids and names come from the tree alone, so the same tree gives the same units.
 */
import type { Schemas } from '@gridkit/sdk';
import type { Department } from './categories.js';
import type { Actor, GridNode } from './tree.js';

export interface UnitSeed {
  id: string;
  name: string;
  kind: Schemas['UnitKind'];
  node: GridNode;
  /** A department's staff member, who acts in its cases; `null` for a community's body. */
  staff: Actor | null;
}

/** A street's department per kind of work (lighting is the 市政维护站's too). */
const streetUnits: Record<Department, readonly [key: string, suffix: string]> = {
  sanitation: ['sanitation', '环卫所'],
  city: ['city', '城管执法中队'],
  municipal: ['municipal', '市政维护站'],
  lighting: ['municipal', '市政维护站'],
  greenery: ['greenery', '园林绿化队'],
  judicial: ['judicial', '司法所'],
  safety: ['safety', '安全生产办公室'],
  civil: ['civil', '社会事务办公室'],
  housing: ['housing', '城建办'],
  market: ['market', '市场监管所'],
  police: ['police', '派出所'],
};

const districtUnits: Record<Department, string> = {
  sanitation: '文峰区城市管理局环卫处',
  city: '文峰区城市管理综合执法大队',
  municipal: '文峰区市政工程管理处',
  lighting: '文峰区路灯管理所',
  greenery: '文峰区园林绿化中心',
  judicial: '文峰区司法局',
  safety: '文峰区应急管理局',
  civil: '文峰区民政局',
  housing: '文峰区住房和城乡建设局',
  market: '文峰区市场监督管理局',
  police: '文峰区公安分局',
};

/** A community's own bodies: mediation for disputes, the service station for help, the committee for the rest. */
const communityUnit = (department: Department): readonly [key: string, suffix: string] =>
  department === 'judicial'
    ? ['mediation', '人民调解委员会']
    : department === 'civil'
      ? ['service', '服务站']
      : ['committee', '居委会'];

const departmentKeys = Object.keys(streetUnits) as Department[];

/** A unit's id: its node's code and its key (`unit_410502001_city`); its staff member's id follows it. */
export const unitId = (node: GridNode, key: string) => `unit_${node.code.replaceAll('-', '')}_${key}`;
export const departmentStaffId = (unit: string) => `stf_${unit.slice('unit_'.length)}`;

/** The unit key of a department at a street or the district (`streetUnits` merges some). */
export const unitKeyOf = (node: GridNode, department: Department): string =>
  node.level === 'street' ? streetUnits[department][0] : department;

export class Units {
  readonly all: UnitSeed[] = [];
  private readonly byId = new Map<string, UnitSeed>();

  add(unit: UnitSeed): void {
    this.all.push(unit);
    this.byId.set(unit.id, unit);
  }

  get(id: string): UnitSeed | undefined {
    return this.byId.get(id);
  }

  /** The department handling `department` for a street or the district. */
  department(node: GridNode, department: Department): UnitSeed {
    return this.byId.get(unitId(node, unitKeyOf(node, department)))!;
  }

  /** The community's body for `department`'s kind of matter. */
  community(community: GridNode, department: Department): UnitSeed {
    return this.byId.get(unitId(community, communityUnit(department)[0]))!;
  }
}

/**
 * Every unit of the tree, top down. `staffOf` gives each department its staff
 * member (the demo's, or a generated one).
 */
export function buildUnits(root: GridNode, staffOf: (unit: string, name: string) => Actor): Units {
  const units = new Units();
  const department = (node: GridNode, key: string, name: string) => {
    const id = unitId(node, key);
    units.add({ id, name, kind: 'department', node, staff: staffOf(id, name) });
  };
  for (const key of departmentKeys) department(root, key, districtUnits[key]);
  for (const street of root.children) {
    const keys = new Map(departmentKeys.map((d) => streetUnits[d]));
    for (const [key, suffix] of keys) department(street, key, street.name + suffix);
    for (const community of street.children) {
      const bodies = new Map(departmentKeys.map(communityUnit));
      for (const [key, suffix] of bodies) {
        units.add({
          id: unitId(community, key),
          name: community.name + suffix,
          kind: 'community_organization',
          node: community,
          staff: null,
        });
      }
    }
  }
  return units;
}
