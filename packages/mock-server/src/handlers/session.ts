import { ok, type Handler } from '../http/handler.js';
import { serverVersion } from '../version.js';

export const getCurrentStaff: Handler<'getCurrentStaff'> = ({ principal }) =>
  ok({ id: principal!.id, name: principal!.name, role: principal!.role, gridIds: principal!.gridIds });

export const getHealth: Handler<'getHealth'> = ({ now }) =>
  ok({ status: 'ok' as const, version: serverVersion, time: now.toISOString() }, { 'Cache-Control': 'no-store' });
