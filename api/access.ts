import { createMiddleware } from 'hono/factory';
import { type InstitutionKind, officeStaffRoles, type StaffRole } from '../domain/vocabulary.js';
import type { AppEnv, Principal } from './context.js';
import { problems } from './problem.js';

/** Who may call a route: staff roles and institution kinds. Every route declares one. */
export type Audience = StaffRole | InstitutionKind;

/**
 * Every role that works in the centre's offices. Grid workers (网格员) are staff too, but reach only the
 * screening routes, which name them explicitly.
 */
export const allStaff = officeStaffRoles;

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
