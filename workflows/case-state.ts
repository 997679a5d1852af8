import type { DeadlineKind } from '../domain/deadline-kinds.js';
import type { DeadlinePolicy } from '../domain/deadline-policy.js';
import type { DeadlineExplanation } from '../domain/explain-deadline.js';
import type { Stage } from '../domain/stages.js';
import type { CaseFacts } from '../domain/transitions.js';
import type { DisputeCategory, TriageClass } from '../domain/vocabulary.js';
import type {
  Actor,
  CaseDeadline,
  CaseOutcome,
  CaseRegistration,
  CaseView,
  ConferenceRecord,
  ConferenceRequirement,
  ExtensionRecord,
  GreenChannelFlag,
  MediationConsent,
  PerformanceDecision,
  RecordFollowUpInput,
  SupervisionOrder,
} from './case.messages.js';
import type {
  CaseEvent,
  CaseEventOf,
  CaseEventPayloads,
  CaseSummary,
  WorkflowEventType,
} from './case-events.js';
import type { HandOffRecord } from './hand-off.messages.js';
import type { CourtProgress, PoliceProgress, ProsecutionProgress } from './referral.messages.js';

export type { CaseEvent } from './case-events.js';

/** A deadline as the workflow tracks it: the explanation plus the policy it came from. */
export interface TrackedDeadline extends CaseDeadline {
  policy: DeadlinePolicy;
  /** Reminders planned before this instant are not sent (they were already past when planned). */
  plannedAt: string;
}

/** Everything continue-as-new carries over; plain data only. */
export interface CaseSnapshot {
  stage: Stage;
  seq: number;
  unitId: string | null;
  assigneeId: string | null;
  triageClass: TriageClass | null;
  category: DisputeCategory | null;
  triagedAt: string | null;
  outcome: CaseOutcome | null;
  amountFen: number | null;
  sessions: number;
  extensions: ExtensionRecord[];
  followUp: CaseView['followUp'];
  followUps?: NonNullable<CaseView['followUps']>;
  performanceDecisions?: PerformanceDecision[];
  deadlines: TrackedDeadline[];
  supervisionOrders?: SupervisionOrder[];
  court?: CourtProgress | null;
  prosecution?: ProsecutionProgress | null;
  police?: PoliceProgress | null;
  linkPending?: string | null;
  handOffs?: HandOffRecord[];
  /** Consent recorded after intake; optional so that older snapshots still read. */
  mediationConsent?: MediationConsent | null;
  conferences?: ConferenceRecord[];
  conferenceRequirement?: ConferenceRequirement | null;
  /** 涉企绿色通道; optional so that older snapshots still read. */
  greenChannel?: GreenChannelFlag | null;
  closedAt: string | null;
}

/** The case's state, kept small and serialisable (it travels through continue-as-new). */
export class CaseState {
  stage: Stage = 'intake';
  seq = 0;
  projectedSeq = 0;
  unitId: string | null;
  assigneeId: string | null = null;
  triageClass: TriageClass | null = null;
  category: DisputeCategory | null = null;
  triagedAt: string | null = null;
  outcome: CaseOutcome | null = null;
  amountFen: number | null = null;
  sessions = 0;
  extensions: ExtensionRecord[] = [];
  followUp: CaseView['followUp'] = null;
  followUps: NonNullable<CaseView['followUps']> = [];
  performanceDecisions: PerformanceDecision[] = [];
  deadlines: TrackedDeadline[] = [];
  supervisionOrders: SupervisionOrder[] = [];
  court: CourtProgress | null = null;
  prosecution: ProsecutionProgress | null = null;
  police: PoliceProgress | null = null;
  linkPending: string | null = null;
  /** Hand-offs to partner bodies (联动), in the order they were sent. */
  handOffs: HandOffRecord[] = [];
  /** The parties' application or consent to mediation (申请/同意调解): at intake, or recorded since. */
  mediationConsent: MediationConsent | null;
  /** Case conferences held (研), in order. */
  conferences: ConferenceRecord[] = [];
  conferenceRequirement: ConferenceRequirement | null = null;
  /** 涉企绿色通道: at intake, or flagged since. */
  greenChannel: GreenChannelFlag | null;
  closedAt: string | null = null;
  /** Bumped whenever a deadline is planned, moved or closed: the main loop re-arms its timer. */
  deadlineVersion = 0;

  constructor(
    readonly registration: CaseRegistration,
    snapshot?: CaseSnapshot,
  ) {
    this.unitId = registration.unitId;
    this.mediationConsent = registration.mediationConsent ?? null;
    this.greenChannel = registration.greenChannel ?? null;
    if (registration.referral?.kind === 'court') {
      this.court = {
        signedAt: null,
        signedBy: null,
        appraisals: [],
        feeSavedFen: null,
        confirmation: null,
        reports: [],
      };
    }
    if (registration.referral?.kind === 'prosecution') {
      this.prosecution = { terms: null, instalments: [], packageSentAt: null, decision: null, reports: [] };
    }
    if (registration.referral?.kind === 'police') this.police = { reports: [] };
    if (snapshot) {
      Object.assign(this, snapshot);
      this.projectedSeq = snapshot.seq;
    }
  }

  /** The state as it is, to roll back to if a change fails halfway (see the case workflow's queue). */
  checkpoint(): string {
    return JSON.stringify(this.snapshot());
  }

  /** Back to a checkpoint, every field as it was; the main loop re-arms its timer for the old deadlines. */
  rollBack(checkpoint: string): void {
    Object.assign(this, JSON.parse(checkpoint) as CaseSnapshot);
    this.deadlineVersion += 1;
  }

  snapshot(): CaseSnapshot {
    return {
      stage: this.stage,
      seq: this.seq,
      unitId: this.unitId,
      assigneeId: this.assigneeId,
      triageClass: this.triageClass,
      category: this.category,
      triagedAt: this.triagedAt,
      outcome: this.outcome,
      amountFen: this.amountFen,
      sessions: this.sessions,
      extensions: this.extensions,
      followUp: this.followUp,
      followUps: this.followUps,
      performanceDecisions: this.performanceDecisions,
      deadlines: this.deadlines,
      supervisionOrders: this.supervisionOrders,
      court: this.court,
      prosecution: this.prosecution,
      police: this.police,
      linkPending: this.linkPending,
      handOffs: this.handOffs,
      mediationConsent: this.mediationConsent,
      conferences: this.conferences,
      conferenceRequirement: this.conferenceRequirement,
      greenChannel: this.greenChannel,
      closedAt: this.closedAt,
    };
  }

  facts(): CaseFacts {
    return {
      stage: this.stage,
      assigneeId: this.assigneeId,
      outcome: this.outcome?.disposition ?? null,
      extensionPending: this.pendingExtension() !== undefined,
      followUpRecorded: this.followUp !== null,
      linkPending: this.linkPending !== null,
    };
  }

  pendingExtension(): ExtensionRecord | undefined {
    return this.extensions.find((extension) => extension.decision === null);
  }

  grantedExtensionDays(): number {
    return this.extensions
      .filter((extension) => extension.decision?.approve)
      .reduce((sum, extension) => sum + extension.days, 0);
  }

  deadline(kind: DeadlineKind): TrackedDeadline | undefined {
    return this.deadlines.find((deadline) => deadline.kind === kind);
  }

  /** Start or move a deadline; an overdue one that moves into the future is open again. */
  setDeadline(
    kind: DeadlineKind,
    policy: DeadlinePolicy,
    explanation: DeadlineExplanation,
    now: string,
  ): void {
    const existing = this.deadline(kind);
    const stillLate = explanation.dueAtEpochMilliseconds <= Date.parse(now);
    const next: TrackedDeadline = {
      kind,
      policy,
      explanation,
      status: stillLate && existing?.status === 'overdue' ? 'overdue' : 'open',
      remindersSent: existing?.remindersSent ?? [],
      overdueSince: stillLate ? (existing?.overdueSince ?? null) : null,
      closedAt: null,
      plannedAt: now,
    };
    this.deadlines = [...this.deadlines.filter((deadline) => deadline.kind !== kind), next];
    this.deadlineVersion += 1;
  }

  /** A deadline that is no longer running: met when its work is done, cancelled when it no longer applies. */
  endDeadline(kind: DeadlineKind, status: 'met' | 'cancelled', at: string): void {
    const deadline = this.deadline(kind);
    if (!deadline || deadline.closedAt !== null) return;
    deadline.status = status;
    deadline.closedAt = at;
    this.deadlineVersion += 1;
  }

  /** The next instant something is due: a reminder not yet sent or a deadline not yet overdue. */
  nextWakeUp(): number | undefined {
    let next: number | undefined;
    for (const deadline of this.deadlines) {
      if (deadline.closedAt !== null || deadline.status === 'paused') continue;
      const candidates = deadline.explanation.reminders
        .filter(
          (reminder) => reminder.at > deadline.plannedAt && !deadline.remindersSent.includes(reminder.at),
        )
        .map((reminder) => reminder.atEpochMilliseconds);
      if (deadline.status === 'open') candidates.push(deadline.explanation.dueAtEpochMilliseconds);
      for (const at of candidates) if (next === undefined || at < next) next = at;
    }
    return next;
  }

  summary(): CaseSummary {
    return { stage: this.stage, assigneeId: this.assigneeId, unitId: this.unitId };
  }

  /** Apply a change and return the event that records it, with the case before and after. */
  apply<T extends WorkflowEventType>(
    type: T,
    actor: Actor,
    at: string,
    payload: CaseEventPayloads[T],
    change: () => void = () => {},
  ): CaseEvent {
    const before = this.seq === 0 ? null : this.summary();
    change();
    this.seq += 1;
    const event: CaseEventOf<T> = { seq: this.seq, type, actor, at, payload, before, after: this.summary() };
    return event as CaseEvent;
  }

  recordFollowUp(input: RecordFollowUpInput, by: string, at: string): void {
    this.followUp = { ...input, by, at };
    // Every visit is kept: a later one does not overwrite what an earlier one found.
    this.followUps = [...this.followUps, this.followUp];
  }

  view(): CaseView {
    const r = this.registration;
    return {
      caseNumber: r.caseNumber,
      stage: this.stage,
      source: r.source,
      summary: r.summary,
      unitId: this.unitId,
      assigneeId: this.assigneeId,
      triageClass: this.triageClass,
      category: this.category,
      parties: r.parties,
      registeredAt: r.registeredAt,
      registeredBy: r.registeredBy,
      outcome: this.outcome,
      disposition: this.outcome?.disposition ?? null,
      amountFen: this.amountFen,
      claimAmountFen: r.claimAmountFen ?? null,
      mediationConsent: this.mediationConsent,
      duplicateOverride: r.duplicateOverride ?? null,
      chosenMediatorId: r.chosenMediatorId ?? null,
      sessions: this.sessions,
      extensions: this.extensions,
      followUp: this.followUp,
      followUps: this.followUps,
      performanceDecisions: this.performanceDecisions,
      deadlines: this.deadlines.map(({ policy: _policy, plannedAt: _plannedAt, ...deadline }) => deadline),
      supervisionOrders: this.supervisionOrders,
      referral: r.referral ?? null,
      court: this.court,
      prosecution: this.prosecution,
      police: this.police,
      linkPending: this.linkPending,
      handOffs: this.handOffs,
      conferences: this.conferences,
      conferenceRequirement: this.conferenceRequirement,
      greenChannel: this.greenChannel,
      overdue: this.deadlines.some((deadline) => deadline.status === 'overdue' && deadline.closedAt === null),
      closedAt: this.closedAt,
      seq: this.seq,
      projectedSeq: this.projectedSeq,
    };
  }
}
