/** Rules for the notices on a grid's board, with no I/O. Rows and SQL are in store/notices.ts. */
import { unprocessable } from './errors.js';
import { instantAt } from './time.js';

/** When a new notice is shown: from `publishedAt` (default: now) until `expiresAt`, which must lie after both. */
export function noticePeriod(
  requested: { publishedAt?: string; expiresAt?: string | null },
  now: Date,
): { publishedAt: Date; expiresAt: Date | undefined } {
  const publishedAt = requested.publishedAt ? instantAt(requested.publishedAt, '/body/publishedAt') : now;
  const expiresAt = requested.expiresAt ? instantAt(requested.expiresAt, '/body/expiresAt') : undefined;
  if (expiresAt && expiresAt.getTime() <= Math.max(publishedAt.getTime(), now.getTime())) {
    throw unprocessable({
      path: '/body/expiresAt',
      code: 'invalid_period',
      message: 'expiresAt must be after publishedAt and in the future.',
    });
  }
  return { publishedAt, expiresAt };
}
