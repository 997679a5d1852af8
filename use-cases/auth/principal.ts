import type { InstitutionKind, StaffRole } from '../../domain/vocabulary.js';

/** A member of staff, as their credential says and the account is now. */
export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  role: StaffRole;
  unitId: string | null;
}

/** An institution's machine client (a court, a procuratorate, a police station), by its API key. */
export interface InstitutionPrincipal {
  kind: 'institution';
  institutionId: string;
  institutionKind: InstitutionKind;
  keyId: string;
}

/** Whoever calls a use case. */
export type Principal = StaffPrincipal | InstitutionPrincipal;
