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

/** A police station's referral of a public-order case (警调对接, 治安调解). */
export interface PoliceReferral {
  kind: 'police';
  institutionId: string;
  institutionName: string;
  reference: string;
  caseType: 'public_order';
  facts: string;
  incidentDate: string;
  officerContact: { name: string; phone?: string };
  referralDate: string;
  receivedAt: string;
  callbackUrl: string | null;
}

export interface PoliceProgress {
  reports: { deliveryId: string; kind: string; at: string }[];
}

export type Referral = CourtReferral | ProsecutionReferral | PoliceReferral;

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

// ---- prosecution docking (检调对接) ----

export interface ProsecutionEligibilityFacts {
  privateDispute: boolean;
  criminalLawChapter: number;
  negligent: boolean;
  likelySentenceMonths: number;
  intentionalCrimeWithinFiveYears: boolean;
}

/** A procuratorate's referral of a minor criminal case for settlement of its civil side (刑事和解). */
export interface ProsecutionReferral {
  kind: 'prosecution';
  institutionId: string;
  institutionName: string;
  reference: string;
  offence: string;
  statuteArticle: string;
  facts: string;
  prosecutorContact: { name: string; phone?: string };
  /** 审查起诉: the prosecutor's review period, as the procuratorate states it (China dates). */
  reviewStartedOn: string;
  reviewDueOn: string;
  eligibility: ProsecutionEligibilityFacts;
  /** The prosecutor decides only once compensation is paid (人民检察院刑事诉讼规则 art 503). */
  performanceBeforeDecision: boolean;
  referralDate: string;
  receivedAt: string;
  callbackUrl: string | null;
}

export interface Instalment {
  n: number;
  amountFen: number;
  dueDate: string;
  paidOn: string | null;
  proof: string | null;
}

/** What the settlement of a criminal case's civil side records (人民检察院刑事诉讼规则 arts 495–499). */
export interface ProsecutionSettlementTerms {
  compensationFen: number;
  method: string;
  /** The suspect's apology and remorse (赔礼道歉、悔罪). */
  remorse: string;
  /** The victim forgives (谅解) and asks for leniency (请求从宽处理). */
  forgiveness: boolean;
  leniencyRequested: boolean;
  /** The victim's letter of forgiveness (谅解书), when signed. */
  forgivenessLetter: { signedOn: string; signedBy: string } | null;
  instalments: { amountFen: number; dueDate: string }[];
  /** Required for payment in instalments (art 499). */
  guarantee?: { kind: 'guarantor' | 'deposit' | 'collateral'; detail: string };
  victimConsentToInstalments?: boolean;
}

export interface ProsecutionProgress {
  terms: ProsecutionSettlementTerms | null;
  instalments: Instalment[];
  packageSentAt: string | null;
  decision: {
    decision: 'non_prosecution' | 'lenient_recommendation' | 'prosecution';
    date: string;
    at: string;
  } | null;
  reports: { deliveryId: string; kind: string; at: string }[];
}

export interface RecordPaymentInput {
  instalment: number;
  paidOn: string;
  proof: string;
}
export interface ProsecutionDecisionInput {
  decision: 'non_prosecution' | 'lenient_recommendation' | 'prosecution';
  date: string;
}

/** A payment under the agreement (履行): one instalment paid, with its proof. */
export const recordPaymentUpdate = defineUpdate<CaseView, [WithActor<RecordPaymentInput>]>('recordPayment');
/** The procuratorate's decision (不起诉 / 从宽量刑建议 / 起诉), posted by the procuratorate. */
export const prosecutionDecisionUpdate = defineUpdate<CaseView, [WithActor<ProsecutionDecisionInput>]>(
  'prosecutionDecision',
);
