import { expect } from 'vitest';
import type { Harness } from './harness.js';

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

  return { versionOf, act, must };
}
