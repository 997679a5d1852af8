import type { IsoDate } from '../domain/dates.js';

/**
 * What a generated document needs to know, and nothing else: built from the case view the workflow and
 * the read model hold (documentInputFromCase) plus the centre's settings. Personal data appears here in
 * full because the documents are the legal record the parties sign; it must never be logged.
 */
export interface DocumentInput {
  centre: CentreSettings;
  caseNumber: string;
  /** 文书编号, e.g. （2026）海人调字第123号. */
  documentNumber: string;
  registeredOn: IsoDate;
  /** The day the document is issued (落款日期) where nothing in the case decides it. */
  issuedOn: IsoDate;
  /** 纠纷类别, in Chinese, once triaged. */
  categoryZh: string | null;
  /** 纠纷简要情况 as recorded at intake. */
  disputeFacts: string;
  /** 标的额 in fen. */
  claimAmountFen: number | null;
  parties: DocumentParty[];
  /** Names of the parties who applied for or agreed to mediation, and when. */
  mediationConsent: { givenBy: string[]; on: IsoDate } | null;
  mediatorName: string | null;
  sessions: DocumentSession[];
  agreement: DocumentAgreement | null;
  /** The case ended without agreement: failed (调解不成), terminated or withdrawn. */
  ending: DocumentEnding | null;
  followUp: DocumentFollowUp | null;
  referral: DocumentReferral | null;
  /** The settlement of a minor criminal case's civil side (检调对接), when the procuratorate referred it. */
  criminalSettlement: DocumentCriminalSettlement | null;
  /** The court that decides judicial confirmation (民事诉讼法 art 205). */
  confirmationCourt: string;
}

/** The centre's own names and numbering, from configuration (config/env.ts DOCUMENT_*). */
export interface CentreSettings {
  centreName: string;
  committeeName: string;
  /** The committee's short form in document numbers: 海人调 → （2026）海人调字第123号. */
  documentNumberPrefix: string;
  /** The basic court for judicial confirmation of the committee's own agreements (民事诉讼法 art 205(2)). */
  defaultConfirmationCourt: string;
}

export type PartyRole = 'applicant' | 'respondent' | 'agent' | 'third_party';

export interface DocumentParty {
  role: PartyRole;
  kind: 'person' | 'organisation';
  name: string;
  /** 男 / 女 and the birth date, read from a resident ID number when there is one. */
  sex: '男' | '女' | null;
  bornOn: IsoDate | null;
  idLabel: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}

export interface DocumentSession {
  /** 1-based, in the order held. */
  number: number;
  heldAt: string;
  location: string | null;
  summary: string;
  /** Who held and recorded it, when known; a case reassigned later keeps its earlier mediator here. */
  mediatorName?: string | null;
}

export interface DocumentPerformanceStep {
  description: string;
  dueOn: IsoDate | null;
  amountFen: number | null;
}

export interface DocumentAgreement {
  form: 'written' | 'oral';
  terms: string;
  amountFen: number;
  performance: DocumentPerformanceStep[];
  /** The day the agreement was signed: it takes effect then (人民调解法 art 29). */
  signedOn: IsoDate;
}

export interface DocumentEnding {
  kind: 'failed' | 'terminated' | 'withdrawn';
  reasons: string;
  undisputedFacts: string;
  on: IsoDate;
  /** Ended by the court period running out, not by the mediator. */
  automatic: boolean;
}

export interface DocumentFollowUp {
  on: IsoDate;
  performed: boolean;
  satisfaction: 1 | 2 | 3 | 4 | 5;
  notes: string | null;
}

export interface DocumentReferral {
  kind: 'court' | 'prosecution' | 'police';
  institutionName: string;
  /** The institution's own case reference (案号). */
  reference: string;
  /** 委派调解 / 委托调解 for a court; null otherwise. */
  typeZh: string | null;
  referredOn: IsoDate;
}

export interface DocumentCriminalSettlement {
  offence: string;
  compensationFen: number;
  method: string;
  remorse: string;
  forgiveness: boolean;
  leniencyRequested: boolean;
  forgivenessLetter: { signedOn: IsoDate; signedBy: string } | null;
  payments: { n: number; amountFen: number; dueOn: IsoDate; paidOn: IsoDate | null; proof: string | null }[];
}
