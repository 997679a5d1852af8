import type { HttpVariables } from '../http/context.js';
import type { Principal } from '../use-cases/auth/principal.js';

export type { InstitutionPrincipal, Principal, StaffPrincipal } from '../use-cases/auth/principal.js';

/** Typed context variables shared by every sub-app of the API. */
export interface AppEnv {
  Variables: HttpVariables & { principal: Principal };
}
