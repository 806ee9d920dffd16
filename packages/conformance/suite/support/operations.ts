import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every operation of the contract, by `METHOD /path` as openapi-fetch reports it (`schemaPath`). */
export const OPERATIONS: Readonly<Record<string, string>> = {
  'GET /grids': 'listGrids',
  'GET /grids/locate': 'locateGrid',
  'GET /grids/{gridId}': 'getGrid',
  'GET /grids/{gridId}/ancestors': 'listGridAncestors',
  'GET /grids/{gridId}/notice-board': 'getNoticeBoard',
  'GET /grids/{gridId}/notices': 'listNotices',
  'POST /grids/{gridId}/notices': 'createNotice',
  'POST /notices/{noticeId}/retire': 'retireNotice',
  'GET /categories': 'listCategories',
  'GET /categories/{categoryCode}': 'getCategory',
  'POST /media': 'uploadMedia',
  'GET /media/{mediaId}': 'getMedia',
  'POST /cases': 'createCase',
  'GET /cases': 'listCases',
  'GET /cases/{caseId}': 'getCase',
  'GET /tickets/{ticket}': 'getPublicCase',
  'POST /cases/{caseId}/transitions': 'transitionCase',
  'GET /cases/{caseId}/events': 'listCaseEvents',
  'POST /tickets/{ticket}/evaluation': 'evaluateCase',
  'POST /tickets/{ticket}/dispute': 'disputeCase',
  'POST /cases/{caseId}/follow-up': 'recordFollowUp',
  'GET /units': 'listUnits',
  'POST /service-logs': 'createServiceLog',
  'GET /service-logs': 'listServiceLogs',
  'GET /service-logs/summary': 'getServiceLogSummary',
  'GET /stats/resolution': 'getResolutionStats',
  'GET /exports/cases': 'exportCases',
  'GET /exports/resolution-stats': 'exportResolutionStats',
  'GET /live': 'streamLiveEvents',
  'POST /webhooks': 'createWebhook',
  'GET /webhooks': 'listWebhooks',
  'DELETE /webhooks/{webhookId}': 'deleteWebhook',
  'GET /webhooks/{webhookId}/deliveries': 'listWebhookDeliveries',
  'POST /webhooks/{webhookId}/deliveries/{deliveryId}/redeliver': 'redeliverWebhook',
  'GET /me': 'getCurrentStaff',
  'GET /health': 'getHealth',
};

export const OPERATION_IDS: readonly string[] = Object.values(OPERATIONS);

/** The contract file when the suite runs from the monorepo; `undefined` when it is installed alone. */
export const CONTRACT_PATH = fileURLToPath(new URL('../../../../openapi/gridkit.yaml', import.meta.url));

/** The operationIds declared in the contract file, or `undefined` if the file is not reachable. */
export function contractOperationIds(): string[] | undefined {
  if (!existsSync(CONTRACT_PATH)) return undefined;
  const text = readFileSync(CONTRACT_PATH, 'utf8');
  return [...text.matchAll(/^\s+operationId:\s*['"]?([A-Za-z0-9_]+)['"]?\s*$/gm)].map((m) => m[1]!);
}

const OPS_LOG = 'ops.log';

/** Records that an operation answered successfully (2xx or 304). */
export function recordOperation(recordDir: string, operationId: string, status: number): void {
  appendFileSync(join(recordDir, OPS_LOG), `${operationId} ${status}\n`);
}

export function recordedOperations(recordDir: string): Set<string> {
  const file = join(recordDir, OPS_LOG);
  if (!existsSync(file)) return new Set();
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ')[0]!),
  );
}
