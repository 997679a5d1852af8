import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { apiKeys, institutions, users } from '../../db/schema/index.js';
import { apiKeyMatches, parseApiKey } from './api-keys.js';
import type { InstitutionPrincipal, StaffPrincipal } from './principal.js';
import { TokenError, verifyToken } from './tokens.js';

type Resolved<P> = { ok: true; principal: P } | { ok: false; why: string };

interface StaffAccount extends StaffPrincipal {
  displayName: string;
  username: string;
}

/**
 * The member of staff a bearer token names, as the account is now (not as it was when the token was
 * issued): a disabled account, or a token from before a password reset, no longer counts. The API's
 * authentication and the pages' sessions both ask here.
 */
export async function staffOfToken(
  db: Database,
  tokenSecret: string,
  token: string,
): Promise<Resolved<StaffAccount>> {
  let claims: ReturnType<typeof verifyToken>;
  try {
    claims = verifyToken(token, tokenSecret);
  } catch (error) {
    if (error instanceof TokenError)
      return { ok: false, why: `The bearer token is not valid (${error.reason}).` };
    throw error;
  }
  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      unitId: users.unitId,
      active: users.active,
      tokenVersion: users.tokenVersion,
      displayName: users.displayName,
      username: users.username,
    })
    .from(users)
    .where(eq(users.id, claims.sub))
    .limit(1);
  if (!user?.active) return { ok: false, why: 'The account is disabled.' };
  if (user.tokenVersion !== claims.ver) {
    return {
      ok: false,
      why: 'The bearer token was revoked (password reset or account disabled since); log in again.',
    };
  }
  return {
    ok: true,
    principal: {
      kind: 'staff',
      userId: user.id,
      role: user.role,
      unitId: user.unitId,
      displayName: user.displayName,
      username: user.username,
    },
  };
}

/** The institution an API key belongs to, while the key is not revoked. */
export async function institutionOfApiKey(
  db: Database,
  credential: string,
): Promise<Resolved<InstitutionPrincipal>> {
  const parsed = parseApiKey(credential);
  if (!parsed) return { ok: false, why: 'The API key is malformed.' };
  const [row] = await db
    .select({
      secretHash: apiKeys.secretHash,
      institutionId: institutions.id,
      institutionKind: institutions.kind,
    })
    .from(apiKeys)
    .innerJoin(institutions, eq(institutions.id, apiKeys.institutionId))
    .where(and(eq(apiKeys.keyId, parsed.keyId), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row || !apiKeyMatches(parsed.secret, row.secretHash)) {
    return { ok: false, why: 'The API key is unknown or revoked.' };
  }
  return {
    ok: true,
    principal: {
      kind: 'institution',
      institutionId: row.institutionId,
      institutionKind: row.institutionKind,
      keyId: parsed.keyId,
    },
  };
}
