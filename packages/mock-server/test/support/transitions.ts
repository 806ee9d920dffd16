import { expect } from 'vitest';
import type { CaseStatus } from '@gridkit/sdk';
import { tokens } from './fixture.js';
import { report, type Harness } from './harness.js';

/** Case transitions over HTTP on a harness, each on the case's current version. */
export function transitionsOn(harness: () => Harness) {
  const versionOf = (caseId: string) =>
    harness().db.prepare('SELECT version FROM cases WHERE id = ?').pluck().get(caseId) as number;

  async function act(token: string, caseId: string, body: Record<string, unknown>) {
    const response = await harness().request(`/cases/${caseId}/transitions`, {
      method: 'POST',
      token,
      headers: { 'If-Match': `"${versionOf(caseId)}"` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** A transition that must be accepted; its answer. */
  async function must(token: string, caseId: string, body: Record<string, unknown>) {
    const result = await act(token, caseId, body);
    expect(result.status, `${String(body.action)} by ${token}: ${JSON.stringify(result.body)}`).toBe(200);
    return result.body;
  }

  /**
   * A new G1 case brought to `status` by the district admin: escalated once first for `community`, dispatched to
   * `assignee`, started, resolved, and closed by the district's supervisor (an independent check).
   */
  async function caseIn(
    status: CaseStatus,
    { level = 'grid', assignee }: { level?: 'grid' | 'community'; assignee: Record<string, string> },
  ): Promise<string> {
    const { id } = await harness().client().cases.create(report());
    if (status === 'submitted') return id;
    if (status === 'rejected') {
      await must(tokens.adminD, id, { action: 'reject', publicNote: '不属于受理范围' });
      return id;
    }
    await must(tokens.adminD, id, { action: 'accept' });
    if (level === 'community') await must(tokens.adminD, id, { action: 'escalate', note: '需社区协调' });
    if (status === 'accepted') return id;
    const steps: [CaseStatus, Record<string, unknown>][] = [
      ['dispatched', { action: 'dispatch', assignee }],
      ['in_progress', { action: 'start' }],
      ['resolved', { action: 'resolve' }],
    ];
    for (const [reached, body] of steps) {
      await must(tokens.adminD, id, body);
      if (reached === status) return id;
    }
    await must(tokens.supervisorD, id, { action: 'verify' });
    return id;
  }

  return { versionOf, act, must, caseIn };
}
