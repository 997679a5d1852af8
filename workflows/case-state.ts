import type { Actor, CaseRegistration, CaseView } from './case.messages.js';

/** The part of a case an event log row shows as "before" and "after". */
export interface CaseSummary {
  stage: string;
  assigneeId: string | null;
}

export interface CaseEvent {
  seq: number;
  type: string;
  actor: Actor;
  at: string;
  payload: Record<string, unknown>;
  before: CaseSummary | null;
  after: CaseSummary;
}

/** The case's state, kept small and serialisable (it travels through continue-as-new). */
export class CaseState {
  stage = 'intake';
  seq = 0;
  projectedSeq = 0;
  assigneeId: string | null = null;

  constructor(readonly registration: CaseRegistration) {}

  summary(): CaseSummary {
    return { stage: this.stage, assigneeId: this.assigneeId };
  }

  /** Apply a change and return the event that records it, with the case before and after. */
  apply(
    type: string,
    actor: Actor,
    at: string,
    payload: Record<string, unknown>,
    change: () => void = () => {},
  ): CaseEvent {
    const before = this.seq === 0 ? null : this.summary();
    change();
    this.seq += 1;
    return { seq: this.seq, type, actor, at, payload, before, after: this.summary() };
  }

  view(): CaseView {
    const r = this.registration;
    return {
      caseNumber: r.caseNumber,
      stage: this.stage,
      source: r.source,
      summary: r.summary,
      unitId: r.unitId,
      assigneeId: this.assigneeId,
      parties: r.parties,
      registeredAt: r.registeredAt,
      registeredBy: r.registeredBy,
      seq: this.seq,
      projectedSeq: this.projectedSeq,
    };
  }
}
