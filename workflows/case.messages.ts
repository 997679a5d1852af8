import { defineQuery, defineUpdate } from '@temporalio/workflow';

/**
 * Message contracts of the case workflow. `api/` imports these, never the workflow body.
 */

/** Who did something: a staff member, an institution client, or the system itself (timers). */
export interface Actor {
  kind: 'staff' | 'institution' | 'system';
  id: string;
  role?: 'clerk' | 'mediator' | 'supervisor' | 'admin' | 'court' | 'procuratorate' | 'police';
  unitId?: string | null;
}

export interface PartyInput {
  kind: 'person' | 'organisation';
  name: string;
  role: 'applicant' | 'respondent' | 'agent' | 'third_party';
  idType?: 'resident_id' | 'passport' | 'unified_social_credit_code' | 'other';
  idNumber?: string;
  phone?: string;
  address?: string;
}

export interface CaseRegistration {
  caseNumber: string;
  source: string;
  summary: string;
  unitId: string | null;
  parties: PartyInput[];
  registeredBy: Actor;
  /** ISO instant the case was registered; the workflow never reads the wall clock for facts. */
  registeredAt: string;
}

export interface CaseView {
  caseNumber: string;
  stage: string;
  source: string;
  summary: string;
  unitId: string | null;
  assigneeId: string | null;
  parties: PartyInput[];
  registeredAt: string;
  registeredBy: Actor;
  /** Sequence number of the last recorded event. */
  seq: number;
  /** Sequence number the read model has caught up with. */
  projectedSeq: number;
}

export const getCaseQuery = defineQuery<CaseView>('getCase');

/**
 * Returns the case once the read model holds at least `seq`; used with update-with-start so that
 * registration answers only when the case can be read back.
 */
export const awaitProjectionUpdate = defineUpdate<CaseView, [number]>('awaitProjection');

export function caseWorkflowId(caseNumber: string): string {
  return `case-${caseNumber}`;
}
