import {
  createGridkitClient,
  type CasePriority,
  type CaseReceipt,
  type CaseTransitionInput,
  type GridkitClient,
} from '@gridkit/sdk';
import { demoGridId, testServer } from './server.js';

const api = createGridkitClient({ baseUrl: testServer.apiUrl });
const client = (token: string) => createGridkitClient({ baseUrl: testServer.apiUrl, token });

interface Staff {
  /** The district admin: its jurisdiction covers every grid. */
  admin: GridkitClient;
  /** The district supervisor: verifies what the admin resolved (核查 by someone independent). */
  supervisor: GridkitClient;
  /** A category a bare report may use: no photo, location or required attribute. */
  categoryCode: string;
}
let staff: Promise<Staff> | undefined;

export function demoStaff(): Promise<Staff> {
  return (staff ??= (async () => {
    const district = (await api.grids.list({ level: 'district' })).items[0]!;
    const admin = testServer.tokens.find((t) => t.role === 'admin' && t.gridIds[0] === district.id)!;
    const supervisor = testServer.tokens.find((t) => t.role === 'supervisor' && t.gridIds[0] === district.id)!;
    let categoryCode = '';
    for await (const category of api.categories.iterate()) {
      if (!category.requiresPhoto && !category.requiresLocation && !category.attributes.some((a) => a.required)) {
        categoryCode = category.code;
        break;
      }
    }
    return { admin: client(admin.token), supervisor: client(supervisor.token), categoryCode };
  })());
}

export type CaseStage = 'submitted' | 'dispatched' | 'in_progress' | 'closed' | 'rejected';

/**
 * Reports a case as a resident, then moves it along as staff: accepted and
 * dispatched by the admin (and started, for `in_progress`); resolved by the admin and verified by
 * the supervisor; or rejected. `publicNote` goes on the resolution or the
 * rejection. `priority` is set at accept (triage), with the note a change needs.
 */
export async function reportCase(
  stage: CaseStage,
  {
    publicNote = '已更换楼道灯，请您留意。',
    gridId = demoGridId,
    description = '3 号楼楼道灯不亮',
    priority,
  }: { publicNote?: string; gridId?: string; description?: string; priority?: CasePriority } = {},
): Promise<CaseReceipt> {
  const { admin, supervisor, categoryCode } = await demoStaff();
  const receipt = await api.cases.create({
    gridId,
    categoryCode,
    description,
    location: { address: '桥北社区 3 号楼 2 单元' },
  });
  let version = (await admin.cases.get(receipt.id)).version;
  const step = async (input: CaseTransitionInput, by = admin) => {
    version = (await by.cases.transition(receipt.id, input, { version })).version;
  };
  if (stage === 'rejected') await step({ action: 'reject', publicNote });
  if (stage === 'dispatched' || stage === 'in_progress' || stage === 'closed') {
    await step(priority ? { action: 'accept', priority, note: '热线分级' } : { action: 'accept' });
    // A unit on record that serves the grid (a dispatch names one from listUnits).
    const unit = (await admin.units.list({ gridId, kind: 'department', limit: 1 })).items[0]!;
    await step({ action: 'dispatch', assignee: { type: 'unit', id: unit.id, name: unit.name } });
    if (stage !== 'dispatched') await step({ action: 'start' });
  }
  if (stage === 'closed') {
    await step({ action: 'resolve', publicNote });
    await step({ action: 'verify' }, supervisor);
  }
  return receipt;
}
