import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ConferenceParticipantRole } from '../domain/case-conferences.js';
import type { DeadlineKind } from '../domain/deadline-kinds.js';
import type { DeadlineExplanation } from '../domain/explain-deadline.js';
import type { PerformanceAction } from '../domain/performance-decisions.js';
import type { Stage } from '../domain/stages.js';
import type { TransitionName } from '../domain/transition-table.js';
import type {
  CaseSource,
  Disposition,
  DisputeCategory,
  InstitutionKind,
  StaffRole,
  TriageClass,
} from '../domain/vocabulary.js';
import type { HandOffRecord } from './hand-off.messages.js';
import type {
  CourtProgress,
  PoliceProgress,
  ProsecutionProgress,
  ProsecutionSettlementTerms,
  Referral,
} from './referral.messages.js';

/**
 * Message contracts of the case workflow. `api/` imports these, never the workflow body.
 */

/** Who did something: a staff member, an institution client, or the system itself (timers). */
export interface Actor {
  kind: 'staff' | 'institution' | 'system';
  id: string;
  role?: StaffRole | InstitutionKind;
  unitId?: string | null;
  /**
   * For a supervisor: the case's unit, when the API has checked that it lies in the supervisor's
   * subtree (a centre supervises its stations). Without it, only the supervisor's own unit counts.
   */
  scopeUnitIds?: string[];
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
  source: CaseSource | string;
  summary: string;
  unitId: string | null;
  parties: PartyInput[];
  registeredBy: Actor;
  /** ISO instant the case was registered; the workflow never reads the wall clock for facts. */
  registeredAt: string;
  /** Set when a court (or, later, a procuratorate or police station) referred the case. */
  referral?: Referral;
  /** 标的额 in fen, as the clerk recorded it at intake (a court referral carries its own). */
  claimAmountFen?: number;
  /** The parties' application or consent to mediation (申请/同意调解), as the window recorded it. */
  mediationConsent?: MediationConsent;
  /** Registered although open cases shared a party's ID number or phone, with the clerk's reason. */
  duplicateOverride?: DuplicateOverride;
  /** The mediator the parties chose from the directory (当事人选择, 调解超市); assignment honours it. */
  chosenMediatorId?: string;
  /** Flagged for the 涉企绿色通道 at intake (the enterprise checked against the registry and the parties). */
  greenChannel?: GreenChannelFlag;
}

// ---- 涉企绿色通道 (green channel for enterprises) ----

/** Which registered enterprise, a party of the case, the case is in the green channel for. */
export interface FlagGreenChannelInput {
  enterpriseId: string;
  /** As the registry holds them when the case is flagged (the API looks the enterprise up). */
  enterpriseName: string;
  creditCode: string;
}

export interface GreenChannelFlag extends FlagGreenChannelInput {
  flaggedBy: string;
  flaggedAt: string;
}

/** A clerk or supervisor puts the case in the green channel: first in the queues, shorter periods. */
export const flagGreenChannelUpdate = defineUpdate<CaseView, [FlagGreenChannelInput & { actor: Actor }]>(
  'flagGreenChannel',
);

export interface MediationConsent {
  /** Names of the parties who applied for or agreed to mediation. */
  givenBy: string[];
  recordedAt: string;
  /** The member of staff who recorded it after intake (at intake it is the registering clerk). */
  recordedBy?: string;
}

export interface RecordMediationConsentInput {
  /** Names of the parties who applied for or agreed to mediation; each must be a party of the case. */
  givenBy: string[];
}
/** 登记调解意愿: the parties' consent recorded after intake, for a case registered without it. */
export const recordMediationConsentUpdate = defineUpdate<
  CaseView,
  [RecordMediationConsentInput & { actor: Actor }]
>('recordMediationConsent');

export interface DuplicateOverride {
  caseNumbers: string[];
  reason: string;
}

// ---- transition inputs (each Update carries its actor; the API fills it from the credential) ----

export interface TriageInput {
  triageClass: TriageClass; // 简易 / 一般 / 复杂
  category: DisputeCategory;
  note?: string;
}
export interface AssignInput {
  mediatorId: string;
  unitId?: string;
  /** A supervisor may assign despite a conflict of interest, with a written reason (recorded). */
  conflictOverride?: { reason: string };
}
export type AcceptInput = Record<string, never>;
export interface RecordSessionInput {
  heldAt: string;
  location?: string;
  summary: string;
  /**
   * Held on site (现场调解), where the dispute is — a village, a pasture, a market — as circuit teams
   * (巡回调解小分队) work, rather than in a room of the centre or a station; `location` then names the place.
   */
  onSite?: boolean;
}
export interface RequestExtensionInput {
  days: number;
  reason: string;
  /** Both parties agreed to the extension (双方同意延期). */
  partiesConsent: boolean;
}
export interface DecideExtensionInput {
  approve: boolean;
  note?: string;
}
export interface PerformanceStep {
  description: string;
  dueDate?: string;
  amountFen?: number;
}
export interface SettleInput {
  form: 'written' | 'oral'; // 书面协议 / 口头协议
  terms: string;
  amountFen: number;
  performance: PerformanceStep[];
  signedAt?: string;
  /** For a procuratorate's referral: the terms of the criminal settlement (刑事和解). */
  prosecution?: ProsecutionSettlementTerms;
}
export interface FailInput {
  reasons: string;
  /** Facts both parties confirmed (无争议事实). */
  undisputedFacts: string;
}
export interface ReasonInput {
  reason: string;
}
export interface ReferOutInput {
  to: string;
  reason: string;
  /** The parties agreed to the referral (当事人同意). */
  partiesConsent: true;
}
export interface CloseInput {
  note?: string;
}
export interface RecordFollowUpInput {
  performed: boolean;
  satisfaction: 1 | 2 | 3 | 4 | 5;
  notes?: string;
  /** When not performed: which steps of the agreement's performance (1-based) were not. */
  unperformedSteps?: number[];
}
export type ArchiveInput = Record<string, never>;

export interface TransitionInputs {
  triage: TriageInput;
  assign: AssignInput;
  accept: AcceptInput;
  recordSession: RecordSessionInput;
  requestExtension: RequestExtensionInput;
  decideExtension: DecideExtensionInput;
  settle: SettleInput;
  fail: FailInput;
  withdraw: ReasonInput;
  terminate: ReasonInput;
  referOut: ReferOutInput;
  reject: ReasonInput;
  close: CloseInput;
  recordFollowUp: RecordFollowUpInput;
  archive: ArchiveInput;
}

export type TransitionRequest<T extends TransitionName> = TransitionInputs[T] & { actor: Actor };

/** A visit found the agreement not performed: the mediator decides what follows (人民调解法 art 31). */
export interface PerformanceDecision {
  openedAt: string;
  unperformedSteps: number[];
  decision: { action: PerformanceAction; note: string; at: string; by: string } | null;
}
export interface DecideOnNonPerformanceInput {
  action: PerformanceAction;
  note: string;
}
/** The mediator's decision on an agreement a visit found not performed. */
export const decideOnNonPerformanceUpdate = defineUpdate<
  CaseView,
  [DecideOnNonPerformanceInput & { actor: Actor }]
>('decideOnNonPerformance');

// ---- case conferences (研) ----

export interface ConferenceParticipant {
  name: string;
  role: ConferenceParticipantRole;
  /** The body a lawyer or partner sits for (律所、联动单位). */
  organisation?: string;
}
export interface HoldConferenceInput {
  /** When the conference sat (ISO instant). */
  heldAt: string;
  participants: ConferenceParticipant[];
  /** What the conference concluded about the dispute (研判结论). */
  conclusions: string;
  /** The plan agreed for resolving it (化解方案). */
  plan: string;
}
export interface ConferenceRecord extends HoldConferenceInput {
  n: number;
  recordedBy: string;
  recordedAt: string;
}
export interface WaiveConferenceInput {
  reason: string;
}
/**
 * Whether this case must hold a conference before it settles: decided when it is triaged complex, by
 * the centre policy in force that day, and kept (a later change of the policy does not reach it).
 */
export interface ConferenceRequirement {
  policyId: string;
  waiver: { reason: string; by: string; at: string } | null;
}

/** A conference on the case was held: recorded by its mediator or a supervisor. */
export const holdConferenceUpdate = defineUpdate<CaseView, [HoldConferenceInput & { actor: Actor }]>(
  'holdConference',
);
/** A supervisor lets a complex case settle without a conference, with a reason. */
export const waiveConferenceUpdate = defineUpdate<CaseView, [WaiveConferenceInput & { actor: Actor }]>(
  'waiveConference',
);

// ---- the case as the workflow holds it ----

export type { DeadlineKind } from '../domain/deadline-kinds.js';

export interface CaseDeadline {
  kind: DeadlineKind;
  status: 'open' | 'overdue' | 'paused' | 'met' | 'cancelled';
  explanation: DeadlineExplanation;
  /** Reminder instants already sent (ISO). */
  remindersSent: string[];
  overdueSince: string | null;
  closedAt: string | null;
}

export interface CaseOutcome {
  transition: 'settle' | 'fail' | 'withdraw' | 'terminate' | 'referOut' | 'reject';
  disposition: Disposition;
  at: string;
  by: string;
  details: Record<string, unknown>;
}

export interface ExtensionRecord {
  days: number;
  reason: string;
  partiesConsent: boolean;
  requestedBy: string;
  requestedAt: string;
  decision: { approve: boolean; by: string; at: string; note?: string } | null;
}

export interface CaseView {
  caseNumber: string;
  stage: Stage;
  source: string;
  summary: string;
  unitId: string | null;
  assigneeId: string | null;
  triageClass: TriageClass | null;
  category: DisputeCategory | null;
  parties: PartyInput[];
  registeredAt: string;
  registeredBy: Actor;
  outcome: CaseOutcome | null;
  disposition: Disposition | null;
  /** Agreement amount (协议金额) in fen, once settled. */
  amountFen: number | null;
  /** 标的额 in fen recorded at intake; optional so that older stored views still read. */
  claimAmountFen?: number | null;
  mediationConsent?: MediationConsent | null;
  duplicateOverride?: DuplicateOverride | null;
  /** The parties' choice of mediator at intake; optional so that older stored views still read. */
  chosenMediatorId?: string | null;
  sessions: number;
  extensions: ExtensionRecord[];
  followUp: (RecordFollowUpInput & { at: string; by: string }) | null;
  /** Every follow-up visit, in order (followUp is the latest); optional for older stored views. */
  followUps?: (RecordFollowUpInput & { at: string; by: string })[];
  /** What the mediator decided each time a visit found the agreement not performed. */
  performanceDecisions?: PerformanceDecision[];
  deadlines: CaseDeadline[];
  supervisionOrders: SupervisionOrder[];
  referral: Referral | null;
  court: CourtProgress | null;
  /** Optional only so that older stored views (and imported cases) still read. */
  prosecution?: ProsecutionProgress | null;
  police?: PoliceProgress | null;
  /** What must still happen before the case may close (e.g. the court's confirmation ruling). */
  linkPending: string | null;
  /** Hand-offs to partner bodies (联动); optional so that older stored views still read. */
  handOffs?: HandOffRecord[];
  /** Case conferences held (研), in order; optional so that older stored views still read. */
  conferences?: ConferenceRecord[];
  /** Set when the case must hold a conference before settling (complex, policy on); else null. */
  conferenceRequirement?: ConferenceRequirement | null;
  /** 涉企绿色通道: set once the case is flagged; optional so that older stored views still read. */
  greenChannel?: GreenChannelFlag | null;
  overdue: boolean;
  closedAt: string | null;
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

/** One Update per staff transition, each named as the transition. */
export const transitionUpdates: {
  [T in TransitionName]: ReturnType<typeof defineUpdate<CaseView, [TransitionRequest<T>]>>;
} = {
  triage: defineUpdate('triage'),
  assign: defineUpdate('assign'),
  accept: defineUpdate('accept'),
  recordSession: defineUpdate('recordSession'),
  requestExtension: defineUpdate('requestExtension'),
  decideExtension: defineUpdate('decideExtension'),
  settle: defineUpdate('settle'),
  fail: defineUpdate('fail'),
  withdraw: defineUpdate('withdraw'),
  terminate: defineUpdate('terminate'),
  referOut: defineUpdate('referOut'),
  reject: defineUpdate('reject'),
  close: defineUpdate('close'),
  recordFollowUp: defineUpdate('recordFollowUp'),
  archive: defineUpdate('archive'),
};

// ---- supervision (督办) ----

export interface IssueSupervisionOrderInput {
  note: string;
  /** The day (China time) by which the assignee must explain. */
  explainBy: string;
}
export interface ExplainSupervisionInput {
  explanation: string;
}
export interface SupervisionOrder extends IssueSupervisionOrderInput {
  seq: number;
  issuedBy: string;
  issuedAt: string;
  assigneeId: string;
  explanation: string | null;
  explainedAt: string | null;
}

/** A supervisor orders the assignee to explain by a date; the order is a deadline of its own. */
export const issueSupervisionOrderUpdate = defineUpdate<
  CaseView,
  [IssueSupervisionOrderInput & { actor: Actor }]
>('issueSupervisionOrder');
/** The assignee answers the open supervision order. */
export const explainSupervisionUpdate = defineUpdate<CaseView, [ExplainSupervisionInput & { actor: Actor }]>(
  'explainSupervision',
);

/**
 * An admin loaded or corrected holidays for some years: deadlines computed on weekends alone because a
 * year was unconfirmed are computed again, and, for a correction of a confirmed year, every running
 * deadline whose period runs through it.
 */
export const calendarChangedSignal =
  defineSignal<[{ years: number[]; corrected?: boolean }]>('calendarChanged');

export function caseWorkflowId(caseNumber: string): string {
  return `case-${caseNumber}`;
}
