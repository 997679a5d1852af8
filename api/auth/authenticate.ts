import { and, eq, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../../db/client.js';
import { apiKeys, institutions, users } from '../../db/schema/index.js';
import { apiKeyMatches, looksLikeApiKey, parseApiKey } from '../../use-cases/auth/api-keys.js';
import { TokenError, verifyToken } from '../../use-cases/auth/tokens.js';
import type { AppEnv, Principal } from '../context.js';
import { problems } from '../problem.js';

export interface AuthenticationSettings {
  db: Database;
  tokenSecret: string;
}

async function principalFromApiKey(db: Database, credential: string): Promise<Principal> {
  const parsed = parseApiKey(credential);
  if (!parsed) throw problems.unauthenticated('The API key is malformed.');
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
    throw problems.unauthenticated('The API key is unknown or revoked.');
  }
  return {
    kind: 'institution',
    institutionId: row.institutionId,
    institutionKind: row.institutionKind,
    keyId: parsed.keyId,
  };
}

async function principalFromToken(settings: AuthenticationSettings, token: string): Promise<Principal> {
  let claims: ReturnType<typeof verifyToken>;
  try {
    claims = verifyToken(token, settings.tokenSecret);
  } catch (error) {
    if (error instanceof TokenError)
      throw problems.unauthenticated(`The bearer token is not valid (${error.reason}).`);
    throw error;
  }
  const [user] = await settings.db
    .select({
      id: users.id,
      role: users.role,
      unitId: users.unitId,
      active: users.active,
      tokenVersion: users.tokenVersion,
    })
    .from(users)
    .where(eq(users.id, claims.sub))
    .limit(1);
  // The account as it is now decides, not as it was when the token was issued.
  if (!user?.active) throw problems.unauthenticated('The account is disabled.');
  if (user.tokenVersion !== claims.ver)
    throw problems.unauthenticated(
      'The bearer token was revoked (password reset or account disabled since); log in again.',
    );
  return { kind: 'staff', userId: user.id, role: user.role, unitId: user.unitId };
}

/** Who is calling: a staff token or an institution API key, both as `Authorization: Bearer …`. */
export function authenticate(settings: AuthenticationSettings) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw problems.unauthenticated('Send "Authorization: Bearer <token or API key>".');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw problems.unauthenticated('The Authorization header must use the Bearer scheme.');
    const credential = match[1]!;
    const principal = looksLikeApiKey(credential)
      ? await principalFromApiKey(settings.db, credential)
      : await principalFromToken(settings, credential);
    c.set('principal', principal);
    c.set(
      'logger',
      c.var.logger.child({
        principal: principal.kind === 'staff' ? principal.userId : principal.institutionId,
      }),
    );
    await next();
  });
}
