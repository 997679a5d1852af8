import { defineUpdate } from '@temporalio/workflow';
import type { HandOffKind, HandOffResult } from '../domain/hand-offs.js';
import type { LegalAidApplication } from '../domain/legal-aid.js';
import type { InstitutionKind } from '../domain/vocabulary.js';
import type { Actor, CaseView } from './case.messages.js';

/** The body a case is handed to, as the centre's reference data named it when it was sent. */
export interface HandOffInstitution {
  id: string;
  name: string;
  kind: InstitutionKind;
}

export type HandOffStatus = 'sent' | 'acknowledged' | 'declined' | 'decided' | 'withdrawn';

/** One hand-off (联动) of the case to a partner body, and what came back. */
export interface HandOffRecord {
  n: number;
  /** The case number and n, e.g. HLBE-2026-000001-H1: how the body addresses it. */
  id: string;
  kind: HandOffKind;
  institution: HandOffInstitution;
  note: string;
  /** Why this court has jurisdiction (管辖依据), as staff confirmed it; for court hand-offs. */
  jurisdictionBasis: string | null;
  /** For a legal aid hand-off: the application (法律援助申请). */
  legalAid?: LegalAidApplication | null;
  sentAt: string;
  sentBy: string;
  deliveryId: string;
  status: HandOffStatus;
  acknowledgement: {
    accepted: boolean;
    reason: string | null;
    reference: string | null;
    /** Declined, and sent back to the centre's mediation (退回调解). */
    returnToMediation?: true;
    at: string;
    by: string;
  } | null;
  result: {
    result: HandOffResult;
    /** Day of the ruling, filing, award or assignment (China date). */
    date: string;
    /** 裁定书文号 / 立案案号 / 裁决书文号, where the result has one. */
    documentNumber: string | null;
    summary: string;
    lawyer: { name: string; organisation: string } | null;
    at: string;
    by: string;
  } | null;
  withdrawal: { reason: string; at: string; by: string } | null;
}

// ---- Updates ----

/** Staff send the case to a body; the API resolves the institution from its id. */
export interface HandOffInput {
  kind: HandOffKind;
  institution: HandOffInstitution;
  note: string;
  jurisdictionBasis?: string;
  /** Required for a legal aid hand-off (援调对接). */
  legalAid?: LegalAidApplication;
  /** The parties asked for or agreed to the hand-off (当事人申请或同意). */
  partiesConsent: true;
}
/** The body accepts (受理 / 决定给予法律援助) or declines it, with its reason. */
export interface AcknowledgeHandOffInput {
  n: number;
  accepted: boolean;
  reason?: string;
  /** The body's own reference (收案号). */
  reference?: string;
  /** With a decline: the body sends the dispute back to be mediated (退回调解); the case returns to resolve. */
  returnToMediation?: boolean;
}
export interface RecordHandOffResultInput {
  n: number;
  result: HandOffResult;
  date: string;
  documentNumber?: string;
  summary: string;
  lawyer?: { name: string; organisation: string };
}
export interface WithdrawHandOffInput {
  n: number;
  reason: string;
}

type WithActor<T> = T & { actor: Actor };

export const handOffUpdate = defineUpdate<CaseView, [WithActor<HandOffInput>]>('handOff');
export const acknowledgeHandOffUpdate = defineUpdate<CaseView, [WithActor<AcknowledgeHandOffInput>]>(
  'acknowledgeHandOff',
);
export const recordHandOffResultUpdate = defineUpdate<CaseView, [WithActor<RecordHandOffResultInput>]>(
  'recordHandOffResult',
);
export const withdrawHandOffUpdate = defineUpdate<CaseView, [WithActor<WithdrawHandOffInput>]>(
  'withdrawHandOff',
);
