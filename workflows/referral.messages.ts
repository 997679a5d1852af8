import { defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseView } from './case.messages.js';

/** A court's referral (诉调对接) as it arrived: the case workflow starts with it. */
export interface CourtReferral {
  kind: 'court';
  institutionId: string;
  institutionName: string;
  /** The court's own reference (收案号 / 案号). */
  reference: string;
  /** 委派调解 before filing | 委托调解 after filing. */
  type: 'delegated' | 'entrusted';
  /** For 委托: ordinary (普通程序) or simple (简易程序) procedure. */
  procedure: 'ordinary' | 'simple' | null;
  /** The day the court referred the case: it decides which deadline policy applies. */
  referralDate: string;
  receivedAt: string;
  claimsSummary: string;
  claimAmountFen: number;
  materials: string[];
  contact: { name: string; role?: string; phone?: string };
  callbackUrl: string | null;
}

export type Referral = CourtReferral;

export interface AppraisalPeriod {
  reason: string;
  /** China dates, inclusive; `to` is null while the appraisal (鉴定) runs. */
  from: string;
  to: string | null;
}

export interface ConfirmationProgress {
  application: { appliedAt: string; court: string; recordedBy: string } | null;
  decision: { decision: 'confirmed' | 'rejected'; date: string; rulingNumber: string; at: string } | null;
  /** The 30-day window (民事诉讼法 art 205) ran out without an application. */
  windowClosedAt: string | null;
}

export interface CourtProgress {
  /** When the centre signed for the materials (签收): the mediation period starts the next day. */
  signedAt: string | null;
  signedBy: string | null;
  appraisals: AppraisalPeriod[];
  /** The acceptance fee the parties would have paid, had the case been litigated (settled cases). */
  feeSavedFen: number | null;
  confirmation: ConfirmationProgress | null;
  /** Outcome reports sent to the court: delivery ids, in order. */
  reports: { deliveryId: string; kind: string; at: string }[];
}

// ---- Updates of the court docking ----

export interface SignForMaterialsInput {
  note?: string;
}
export interface StartAppraisalInput {
  reason: string;
}
export type EndAppraisalInput = Record<string, never>;
export interface RecordConfirmationApplicationInput {
  /** Day both parties applied (China date). */
  appliedOn: string;
  court: string;
}
export interface ConfirmationDecisionInput {
  decision: 'confirmed' | 'rejected';
  /** Day of the ruling (China date). */
  date: string;
  rulingNumber: string;
}

type WithActor<T> = T & { actor: Actor };

/** 签收: the centre signs for the court's materials and accepts the referral. */
export const signForMaterialsUpdate = defineUpdate<CaseView, [WithActor<SignForMaterialsInput>]>(
  'signForMaterials',
);
/** 鉴定 starts: the mediation period stops counting. */
export const startAppraisalUpdate = defineUpdate<CaseView, [WithActor<StartAppraisalInput>]>(
  'startAppraisal',
);
/** 鉴定 ends: the period resumes, its days not counted. */
export const endAppraisalUpdate = defineUpdate<CaseView, [WithActor<EndAppraisalInput>]>('endAppraisal');
/** The parties applied for judicial confirmation (司法确认). */
export const recordConfirmationApplicationUpdate = defineUpdate<
  CaseView,
  [WithActor<RecordConfirmationApplicationInput>]
>('recordConfirmationApplication');
/** The court's ruling on judicial confirmation, posted by the court itself. */
export const confirmationDecisionUpdate = defineUpdate<CaseView, [WithActor<ConfirmationDecisionInput>]>(
  'confirmationDecision',
);
