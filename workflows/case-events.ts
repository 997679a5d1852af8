import type { Conflict } from '../activities/find-conflicts.js';
import type { CaseEventType } from '../domain/case-event-types.js';
import type { DeadlineKind } from '../domain/deadline-kinds.js';
import type { DeadlineReminder } from '../domain/explain-deadline.js';
import type { HandOffKind, HandOffResult } from '../domain/hand-offs.js';
import type { PerformanceAction } from '../domain/performance-decisions.js';
import type { Stage } from '../domain/stages.js';
import type { Disposition } from '../domain/vocabulary.js';
import type {
  Actor,
  AssignInput,
  CaseOutcome,
  CaseRegistration,
  CloseInput,
  DecideExtensionInput,
  FailInput,
  FlagGreenChannelInput,
  HoldConferenceInput,
  ReasonInput,
  RecordFollowUpInput,
  RecordSessionInput,
  ReferOutInput,
  RequestExtensionInput,
  SettleInput,
  TriageInput,
  WaiveConferenceInput,
} from './case.messages.js';
import type {
  ConfirmationDecisionInput,
  ProsecutionDecisionInput,
  RecordPaymentInput,
  Referral,
} from './referral.messages.js';

type Nothing = Record<string, never>;

/** A failure the workflow records itself when a referrer's period runs out (特邀调解规定 art 27). */
export interface AutomaticFailure {
  reasons: string;
  undisputedFacts: string;
  automatic: true;
}

export interface AssignmentPayload extends AssignInput {
  previousAssigneeId: string | null;
  conflicts: Conflict[];
}

/** What each event records besides who and when: the event log's `payload`, typed by `type`. */
export interface CaseEventPayloads {
  registered: { source: CaseRegistration['source']; referral?: Referral };
  /**
   * conferenceRequired: triaged complex while the centre's conference policy was on (研); greenChannel:
   * its handling period is the green channel's (涉企绿色通道).
   */
  triaged: TriageInput & { dueAt: string | null; conferenceRequired?: true; greenChannel?: true };
  assigned: AssignmentPayload;
  reassigned: AssignmentPayload;
  accepted: Nothing;
  session_recorded: RecordSessionInput;
  extension_requested: RequestExtensionInput;
  extension_decided: DecideExtensionInput & { days: number; dueAt: string | null };
  settled: SettleInput;
  failed: FailInput | AutomaticFailure;
  withdrawn: ReasonInput;
  terminated: ReasonInput;
  referred_out: ReferOutInput;
  rejected: ReasonInput;
  closed: CloseInput & {
    disposition: Disposition | undefined;
    byConfirmation?: true;
    byDecision?: ProsecutionDecisionInput['decision'];
    /** Closed by a partner body's result (a confirmation ruling, a filing, an award). */
    byHandOff?: { n: number; kind: HandOffKind; result: HandOffResult; documentNumber: string | null };
  };
  follow_up_recorded: RecordFollowUpInput;
  archived: Nothing;
  supervision_issued: { note: string; explainBy: string; assigneeId: string };
  supervision_explained: { orderSeq: number; explanation: string };
  deadline_reminder: { kind: DeadlineKind; reminder: DeadlineReminder };
  deadline_overdue: { kind: DeadlineKind; dueAt: string; dueDate: string };
  deadline_recomputed: {
    kind: DeadlineKind;
    before: string;
    after: string;
    years: number[];
    corrected?: true;
  };
  materials_signed: { dueAt: string };
  appraisal_started: { reason: string };
  appraisal_ended: { from: string; to: string; pausedDays: number; dueAt: string };
  reported_to_court: InstitutionReportPayload;
  reported_to_procuratorate: InstitutionReportPayload;
  reported_to_police: InstitutionReportPayload;
  confirmation_applied: { appliedOn: string; court: string };
  confirmation_decided: ConfirmationDecisionInput;
  confirmation_window_closed: Nothing;
  payment_recorded: RecordPaymentInput;
  prosecution_decided: ProsecutionDecisionInput;
  second_round_window_closed: Nothing;
  hand_off_sent: {
    n: number;
    kind: HandOffKind;
    institutionId: string;
    institutionName: string;
    note: string;
    jurisdictionBasis: string | null;
    deliveryId: string;
    acknowledgeBy: string;
  };
  hand_off_acknowledged: { n: number; accepted: boolean; reason: string | null; resultDueAt: string | null };
  hand_off_result_recorded: {
    n: number;
    result: HandOffResult;
    date: string;
    documentNumber: string | null;
    summary: string;
    lawyer?: { name: string; organisation: string };
  };
  hand_off_withdrawn: { n: number; reason: string };
  /** A hand-off's result sent the case back to mediation (退回调解): link → resolve. */
  returned_to_mediation: {
    n: number;
    kind: HandOffKind;
    reason: string;
    previousOutcome: CaseOutcome['transition'] | null;
    /** The handling period again, counted from the return; null for a case without one. */
    dueAt: string | null;
  };
  performance_decision_opened: { unperformedSteps: number[]; decideBy: string };
  performance_decided: { action: PerformanceAction; note: string };
  /** The parties' application or consent to mediation (申请/同意调解), recorded after intake. */
  mediation_consent_recorded: { givenBy: string[] };
  conference_held: HoldConferenceInput & { n: number };
  conference_waived: WaiveConferenceInput;
  /** 涉企绿色通道: the case was flagged after intake, for this enterprise. */
  green_channel_flagged: FlagGreenChannelInput;
}

export interface InstitutionReportPayload {
  /** What was reported (court.accepted, court.outcome, prosecution.package, police.outcome …). */
  kind: string;
  deliveryId: string;
}

/** Every event the workflow records: the log's types except `imported` (the ledger import's). */
export type WorkflowEventType = keyof CaseEventPayloads;

/** Fails the typecheck when the event vocabulary (domain) and the payloads here drift apart. */
type Missing = Exclude<Exclude<CaseEventType, 'imported'>, WorkflowEventType>;
type Extra = Exclude<WorkflowEventType, CaseEventType>;
export const eventVocabularyMatches: [Missing, Extra] extends [never, never] ? true : never = true;

/** The part of a case an event log row shows as "before" and "after". */
export interface CaseSummary {
  stage: Stage;
  assigneeId: string | null;
  unitId: string | null;
}

interface CaseEventBase {
  seq: number;
  actor: Actor;
  at: string;
  before: CaseSummary | null;
  after: CaseSummary;
}

export type CaseEventOf<T extends WorkflowEventType> = CaseEventBase & {
  type: T;
  payload: CaseEventPayloads[T];
};

/** One recorded change of a case: a discriminated union by `type`. */
export type CaseEvent = { [T in WorkflowEventType]: CaseEventOf<T> }[WorkflowEventType];
