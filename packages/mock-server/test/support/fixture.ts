/**
 * A small, hand-built world for the server's tests, where every id and
 * jurisdiction is known:
 *
 *   D  测试区 (district, tickets TS-…)
 *   ├─ S1 一街道 ── C1 一社区 ─┬─ G1 一社区第一网格   (worker-g1)
 *   │                        └─ G2 一社区第二网格
 *   └─ S2 二街道 ── C2 二社区 ── G3 二社区第一网格   (worker-g3)
 *
 *   admins: admin-c1 (C1), admin-s1 (S1), admin-d (D)
 *   supervisors (监督员): supervisor-g1 (G1), supervisor-c1 (C1), supervisor-s1 (S1), supervisor-s2 (S2), supervisor-d (D)
 *   units (what cases are dispatched to, `units`):
 *     S1: unit-env 一街道环卫所, unit-cg 一街道城管执法中队 (departments); C1: unit-c1 一社区居委会 (community body);
 *     S2: unit-police-s2 二街道派出所; D: unit-market-d 测试区市场监督管理局 (departments)
 *   department staff: department-s1 (unit-cg, S1), department-s2 (unit-police-s2, S2), department-d (unit-market-d, D)
 */
import type { Db } from '../../src/store/database.js';

const now = '2026-01-01T00:00:00.000Z';

const grids = [
  ['D', '410502', '测试区', 'district', null, '/D/'],
  ['S1', '410502-001', '一街道', 'street', 'D', '/D/S1/'],
  ['C1', '410502-001-001', '一社区', 'community', 'S1', '/D/S1/C1/'],
  ['G1', '410502-001-001-01', '一社区第一网格', 'grid', 'C1', '/D/S1/C1/G1/'],
  ['G2', '410502-001-001-02', '一社区第二网格', 'grid', 'C1', '/D/S1/C1/G2/'],
  ['S2', '410502-002', '二街道', 'street', 'D', '/D/S2/'],
  ['C2', '410502-002-001', '二社区', 'community', 'S2', '/D/S2/C2/'],
  ['G3', '410502-002-001-01', '二社区第一网格', 'grid', 'C2', '/D/S2/C2/G3/'],
] as const;

export const tokens = {
  workerG1: 'worker-g1',
  workerG3: 'worker-g3',
  adminC1: 'admin-c1',
  adminS1: 'admin-s1',
  adminD: 'admin-d',
  supervisorG1: 'supervisor-g1',
  supervisorC1: 'supervisor-c1',
  supervisorS1: 'supervisor-s1',
  supervisorS2: 'supervisor-s2',
  supervisorD: 'supervisor-d',
  departmentS1: 'department-s1',
  departmentS2: 'department-s2',
  departmentD: 'department-d',
} as const;

/** The fixture's units, as a dispatch names them (`Assignee`). */
export const units = {
  envS1: { type: 'unit', id: 'unit-env', name: '一街道环卫所' },
  cityS1: { type: 'unit', id: 'unit-cg', name: '一街道城管执法中队' },
  committeeC1: { type: 'unit', id: 'unit-c1', name: '一社区居委会' },
  policeS2: { type: 'unit', id: 'unit-police-s2', name: '二街道派出所' },
  marketD: { type: 'unit', id: 'unit-market-d', name: '测试区市场监督管理局' },
} as const;

export function buildFixture(db: Db): void {
  db.transaction(() => {
    const grid = db.prepare(
      `INSERT INTO grids (id, code, name, level, parent_id, path, depth, households, service_hours, services, updated_at, ticket_prefix)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '周一至周五 8:30–17:30', '["代办证明"]', ?, ?)`,
    );
    for (const [id, code, name, level, parent, path] of grids) {
      grid.run(
        id,
        code,
        name,
        level,
        parent,
        path,
        path.split('/').length - 3,
        level === 'grid' ? 300 : null,
        now,
        id === 'D' ? 'TS' : null,
      );
    }
    const category = db.prepare(
      `INSERT INTO categories (code, name, kind, sla_hours, requires_location, requires_photo, attributes, sort_order)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    category.run('env.garbage', JSON.stringify({ 'zh-CN': '垃圾清运', en: 'Garbage' }), 'event', 24, 0, 0, '[]', 1);
    category.run(
      'road.manhole',
      JSON.stringify({ 'zh-CN': '井盖', en: 'Manhole cover' }),
      'component',
      48,
      1,
      1,
      JSON.stringify([
        {
          code: 'damage',
          label: { 'zh-CN': '损坏情况', en: 'Damage' },
          datatype: 'singlevaluelist',
          required: true,
          order: 1,
          options: [
            { key: 'missing', label: { 'zh-CN': '缺失', en: 'Missing' } },
            { key: 'broken', label: { 'zh-CN': '破损', en: 'Broken' } },
          ],
        },
      ]),
      2,
    );
    category.run(
      'dispute.neighbour',
      JSON.stringify({ 'zh-CN': '邻里纠纷', en: 'Neighbour dispute' }),
      'dispute',
      72,
      0,
      0,
      JSON.stringify([
        {
          code: 'households',
          label: { 'zh-CN': '涉及户数', en: 'Households' },
          datatype: 'number',
          required: false,
          order: 1,
        },
      ]),
      3,
    );
    const unit = db.prepare('INSERT INTO units (id, name, kind, grid_id, grid_path) VALUES (?, ?, ?, ?, ?)');
    const pathOf = Object.fromEntries(grids.map(([id, , , , , path]) => [id, path]));
    for (const [key, node] of [
      ['envS1', 'S1'],
      ['cityS1', 'S1'],
      ['committeeC1', 'C1'],
      ['policeS2', 'S2'],
      ['marketD', 'D'],
    ] as const) {
      const u = units[key];
      unit.run(u.id, u.name, key === 'committeeC1' ? 'community_organization' : 'department', node, pathOf[node]);
    }
    const staff = db.prepare('INSERT INTO staff (id, name, role, token, grid_ids, unit_id) VALUES (?, ?, ?, ?, ?, ?)');
    staff.run('stf_g1', '王网格', 'grid_worker', tokens.workerG1, '["G1"]', null);
    staff.run('stf_g3', '李网格', 'grid_worker', tokens.workerG3, '["G3"]', null);
    staff.run('stf_c1', '张社区', 'admin', tokens.adminC1, '["C1"]', null);
    staff.run('stf_s1', '赵街道', 'admin', tokens.adminS1, '["S1"]', null);
    staff.run('stf_d', '刘区', 'admin', tokens.adminD, '["D"]', null);
    staff.run('stf_sg1', '周督查', 'supervisor', tokens.supervisorG1, '["G1"]', null);
    staff.run('stf_sc1', '吴督查', 'supervisor', tokens.supervisorC1, '["C1"]', null);
    staff.run('stf_ss1', '郑督查', 'supervisor', tokens.supervisorS1, '["S1"]', null);
    staff.run('stf_ss2', '冯督查', 'supervisor', tokens.supervisorS2, '["S2"]', null);
    staff.run('stf_sd', '韩督查', 'supervisor', tokens.supervisorD, '["D"]', null);
    staff.run('stf_ds1', '钱城管', 'department', tokens.departmentS1, '["S1"]', units.cityS1.id);
    staff.run('stf_ds2', '孙民警', 'department', tokens.departmentS2, '["S2"]', units.policeS2.id);
    staff.run('stf_dd', '林市监', 'department', tokens.departmentD, '["D"]', units.marketD.id);
    db.prepare(
      `INSERT INTO team_members (id, grid_id, name, role, work_phone, duties, is_leader, sort_order)
       VALUES ('tm_1', 'G1', '王网格', 'grid_leader', '0372-5123456', '["入户走访"]', 1, 0),
              ('tm_2', 'G1', '陈警官', 'police_officer', '0372-5123457', '["治安巡逻"]', 0, 1)`,
    ).run();
  })();
}
