import type { Logger } from 'pino';

export type StaffRole = 'clerk' | 'mediator' | 'supervisor' | 'admin';
export type InstitutionKind = 'court' | 'procuratorate' | 'police';

export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  role: StaffRole;
  unitId: string | null;
}

export interface InstitutionPrincipal {
  kind: 'institution';
  institutionId: string;
  institutionKind: InstitutionKind;
  keyId: string;
}

export type Principal = StaffPrincipal | InstitutionPrincipal;

/** Typed context variables shared by every sub-app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    /** The client's address: the socket's peer, or whom a trusted reverse proxy forwarded for. */
    clientAddress: string;
    principal: Principal;
  };
}
