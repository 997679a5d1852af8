import { createMiddleware } from 'hono/factory';
import type { Database } from '../../db/client.js';
import { looksLikeApiKey } from '../../use-cases/auth/api-keys.js';
import { institutionOfApiKey, staffOfToken } from '../../use-cases/auth/resolve-credential.js';
import type { AppEnv, Principal } from '../context.js';
import { problems } from '../problem.js';

interface AuthenticationSettings {
  db: Database;
  tokenSecret: string;
}

/** Who is calling: a staff token or an institution API key, both as `Authorization: Bearer …`. */
export function authenticate(settings: AuthenticationSettings) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw problems.unauthenticated('Send "Authorization: Bearer <token or API key>".');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw problems.unauthenticated('The Authorization header must use the Bearer scheme.');
    const credential = match[1]!;
    const resolved = looksLikeApiKey(credential)
      ? await institutionOfApiKey(settings.db, credential)
      : await staffOfToken(settings.db, settings.tokenSecret, credential);
    if (!resolved.ok) throw problems.unauthenticated(resolved.why);
    const principal: Principal =
      resolved.principal.kind === 'staff'
        ? {
            kind: 'staff',
            userId: resolved.principal.userId,
            role: resolved.principal.role,
            unitId: resolved.principal.unitId,
          }
        : resolved.principal;
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
