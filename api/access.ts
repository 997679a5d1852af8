import { createMiddleware } from 'hono/factory';
import { type InstitutionKind, type StaffRole, staffRoles } from '../domain/vocabulary.js';
import type { AppEnv, Principal } from './context.js';
import { problems } from './problem.js';

/** Who may call a route: staff roles and institution kinds. Every route declares one. */
export type Audience = StaffRole | InstitutionKind;

export const allStaff = staffRoles;

function audienceOf(principal: Principal): Audience {
  return principal.kind === 'staff' ? principal.role : principal.institutionKind;
}

export function requireAccess(audiences: readonly Audience[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get('principal');
    if (!audiences.includes(audienceOf(principal))) {
      throw problems.forbidden(`This route is for: ${audiences.join(', ')}.`);
    }
    await next();
  });
}
