import { ok, type Handler } from '../http/handler.js';
import { serverVersion } from '../version.js';

export const getCurrentStaff: Handler<'getCurrentStaff'> = ({ principal }) => {
  const { id, name, role, gridIds, unit } = principal!;
  return ok({ id, name, role, gridIds, ...(unit ? { unit } : {}) });
};

export const getHealth: Handler<'getHealth'> = ({ now }) =>
  ok({ status: 'ok' as const, version: serverVersion, time: now.toISOString() }, { 'Cache-Control': 'no-store' });
