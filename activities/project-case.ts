import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { caseEvents, cases } from '../db/schema/index.js';
import type { CaseView } from '../workflows/case.messages.js';
import type { CaseEvent } from '../workflows/case-state.js';

export interface ProjectCaseInput {
  event: CaseEvent;
  /** The case as it stood right after the event. */
  view: CaseView;
}

/**
 * Write one event and the case row it produced, in one transaction. Idempotent by (case, seq): a
 * retried activity inserts no second event, and an older snapshot never overwrites a newer one.
 */
export async function projectCase(db: Database, { event, view }: ProjectCaseInput): Promise<void> {
  const row = {
    caseNumber: view.caseNumber,
    workflowId: `case-${view.caseNumber}`,
    source: view.source,
    stage: view.stage,
    summary: view.summary,
    unitId: view.unitId,
    assigneeId: view.assigneeId,
    registeredById: view.registeredBy.kind === 'staff' ? view.registeredBy.id : null,
    state: view,
    lastSeq: view.seq,
    registeredAt: new Date(view.registeredAt),
    updatedAt: new Date(event.at),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(cases)
      .values(row)
      .onConflictDoUpdate({
        target: cases.caseNumber,
        set: {
          stage: row.stage,
          summary: row.summary,
          unitId: row.unitId,
          assigneeId: row.assigneeId,
          state: row.state,
          lastSeq: row.lastSeq,
          updatedAt: row.updatedAt,
        },
        setWhere: sql`${cases.lastSeq} < ${row.lastSeq}`,
      });
    await tx
      .insert(caseEvents)
      .values({
        caseNumber: view.caseNumber,
        seq: event.seq,
        type: event.type,
        actorKind: event.actor.kind,
        actorId: event.actor.id,
        at: new Date(event.at),
        before: event.before,
        after: event.after,
        payload: event.payload,
      })
      .onConflictDoNothing();
  });
}
