import type { Principal } from '../domain/principal.js';
import type { Db } from '../store/database.js';
import { staffByToken } from '../store/staff.js';

/** Why a bearer token that was sent is refused. */
export type TokenRefusal = 'invalid' | 'expired';

/** `undefined`: no token sent; a refusal: a token was sent but is not (or no longer) valid at `now`. */
export function authenticate(
  db: Db,
  authorization: string | null,
  now: Date,
): Principal | undefined | { refused: TokenRefusal } {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const staff = match ? staffByToken(db, match[1]!) : undefined;
  if (!staff) return { refused: 'invalid' };
  if (staff.expiresAt !== null && staff.expiresAt <= now.toISOString()) return { refused: 'expired' };
  return staff.principal;
}
