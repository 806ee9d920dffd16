import type { Principal } from '../domain/principal.js';
import type { Db } from '../store/database.js';
import { principalByToken } from '../store/staff.js';

/** `undefined`: no token sent; `null`: a token was sent but is not valid. */
export function authenticate(db: Db, authorization: string | null): Principal | undefined | null {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return null;
  return principalByToken(db, match[1]!) ?? null;
}
