import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import {
  caseAgreements,
  caseDeadlines,
  caseEvents,
  caseSessions,
  cases,
  handOffs,
  parties,
  partyLookupDigests,
  supervisionOrders,
} from '../db/schema/index.js';
import { endOfChinaDay } from '../domain/dates.js';
import type { LookupDigester } from '../domain/party-lookup.js';
import { caseRow, partyRows } from '../read-model/case-rows.js';
import { lookupDigestRows } from '../read-model/lookup-digest-rows.js';
import type { CaseView } from '../workflows/case.messages.js';
import type { CaseEvent } from '../workflows/case-state.js';
import { markBookingHeld } from './mark-booking-held.js';
import { raiseOperatorAlert } from './raise-operator-alert.js';

export interface ProjectCaseInput {
  event: CaseEvent;
  /** The case as it stood right after the event. */
  view: CaseView;
  /**
   * A person's Update waits on this write: when PostgreSQL refuses it for good (a constraint), fail at
   * once (non-retryable `change_not_recorded`) so the workflow rolls the change back and the person is
   * told, instead of retrying for ever with the case jammed behind it. Without it (timers, signals,
   * the registration) the write keeps being retried, as before, with the operators alerted.
   */
  rejectable?: boolean;
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

async function writeCaseAndDeadlines(tx: Transaction, view: CaseView, at: Date): Promise<void> {
  const row = caseRow(view, at);
  const { caseNumber: _key, workflowId: _workflowId, registeredAt: _registeredAt, ...changes } = row;
  await tx.insert(cases).values(row).onConflictDoUpdate({ target: cases.caseNumber, set: changes });
  for (const deadline of view.deadlines) {
    const values = {
      caseNumber: view.caseNumber,
      kind: deadline.kind,
      status:
        deadline.closedAt === null ? deadline.status : deadline.status === 'cancelled' ? 'cancelled' : 'met',
      startedAt: new Date(deadline.explanation.startEvent.at),
      dueAt: new Date(deadline.explanation.dueAt),
      unitId: view.unitId,
      assigneeId: view.assigneeId,
      source: view.source,
      explanation: deadline.explanation,
      updatedAt: at,
    } as const;
    const { caseNumber: _c, kind: _k, ...set } = values;
    await tx
      .insert(caseDeadlines)
      .values(values)
      .onConflictDoUpdate({ target: [caseDeadlines.caseNumber, caseDeadlines.kind], set });
  }
  for (const handOff of view.handOffs ?? []) {
    const values = {
      id: handOff.id,
      caseNumber: view.caseNumber,
      n: handOff.n,
      kind: handOff.kind,
      institutionId: handOff.institution.id,
      status: handOff.status,
      sentAt: new Date(handOff.sentAt),
      updatedAt: at,
    } as const;
    await tx
      .insert(handOffs)
      .values(values)
      .onConflictDoUpdate({ target: handOffs.id, set: { status: values.status, updatedAt: at } });
  }
}

async function writeRecordsOfEvent(
  tx: Transaction,
  event: CaseEvent,
  view: CaseView,
  digest: LookupDigester | undefined,
): Promise<void> {
  if (event.type === 'registered') {
    const rows = partyRows(view.caseNumber, view.parties);
    if (rows.length > 0) await tx.insert(parties).values(rows).onConflictDoNothing();
    // Without the key (a test worker) the rows wait for fillMissingLookupDigests.
    const digests = digest ? lookupDigestRows(view.caseNumber, view.parties, digest) : [];
    if (digests.length > 0) await tx.insert(partyLookupDigests).values(digests).onConflictDoNothing();
  }
  if (event.type === 'session_recorded') {
    const session = event.payload;
    await tx
      .insert(caseSessions)
      .values({
        caseNumber: view.caseNumber,
        seq: event.seq,
        heldAt: new Date(session.heldAt),
        location: session.location ?? null,
        onSite: session.onSite === true,
        summary: session.summary,
        mediatorId: event.actor.kind === 'staff' ? event.actor.id : null,
      })
      .onConflictDoNothing();
    await markBookingHeld(tx, {
      caseNumber: view.caseNumber,
      seq: event.seq,
      heldAt: new Date(session.heldAt),
    });
  }
  if (event.type === 'supervision_issued') {
    const order = event.payload;
    await tx
      .insert(supervisionOrders)
      .values({
        caseNumber: view.caseNumber,
        seq: event.seq,
        issuedBy: event.actor.kind === 'staff' ? event.actor.id : null,
        assigneeId: order.assigneeId,
        note: order.note,
        explainBy: new Date(endOfChinaDay(order.explainBy)),
        issuedAt: new Date(event.at),
      })
      .onConflictDoNothing();
  }
  if (event.type === 'supervision_explained') {
    const answer = event.payload;
    await tx
      .update(supervisionOrders)
      .set({ explanation: answer.explanation, explainedAt: new Date(event.at) })
      .where(
        and(eq(supervisionOrders.caseNumber, view.caseNumber), eq(supervisionOrders.seq, answer.orderSeq)),
      );
  }
  if (event.type === 'settled') {
    const agreement = event.payload;
    await tx
      .insert(caseAgreements)
      .values({
        caseNumber: view.caseNumber,
        seq: event.seq,
        form: agreement.form,
        terms: agreement.terms,
        amountFen: agreement.amountFen,
        performance: agreement.performance,
        signedAt: new Date(agreement.signedAt ?? event.at),
      })
      .onConflictDoNothing();
  }
}

/**
 * Write one event, the records it carries and the case row it produced, in one transaction.
 * Idempotent by (case, seq): a retried activity inserts nothing twice, and an older snapshot never
 * overwrites a newer one (events of one case may be projected out of order after a retry).
 */
export async function projectCase(
  db: Database,
  input: ProjectCaseInput,
  /** Digests the parties' numbers for the look-up index (LOOKUP_HASH_KEY). */
  digest?: LookupDigester,
): Promise<void> {
  try {
    await writeProjection(db, input, digest);
  } catch (error) {
    const violation = constraintViolation(error);
    if (!violation) throw error;
    const { event, view } = input;
    const detail = `event ${event.seq} (${event.type}) refused by PostgreSQL: ${violation}`;
    await raiseOperatorAlert(db, {
      key: `projection:${view.caseNumber}:${event.seq}`,
      kind: 'projection_rejected',
      caseNumber: view.caseNumber,
      detail,
      titleZh: `案件 ${view.caseNumber} 的一项变更无法写入数据库`,
      bodyZh: input.rejectable
        ? `第 ${event.seq} 项变更（${event.type}）违反数据库约束（${violation}），已撤销，案件保持原状；请检查引用的数据。`
        : `第 ${event.seq} 项变更（${event.type}）违反数据库约束（${violation}），系统正在重试；请检查引用的数据。`,
    });
    if (input.rejectable) {
      throw ApplicationFailure.create({
        type: 'change_not_recorded',
        message: `The change could not be recorded (${violation}); the case is unchanged.`,
        details: [{ detail: `The change could not be recorded (${violation}); the case is unchanged.` }],
        nonRetryable: true,
      });
    }
    throw error;
  }
}

/**
 * An integrity constraint PostgreSQL enforces (SQLSTATE class 23: foreign key, unique, check, not
 * null): retrying the same write can never succeed. Named by code, constraint and table only; the
 * error's message and detail may carry the values.
 */
function constraintViolation(error: unknown): string | undefined {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, constraint_name, table_name } = current as {
      code?: unknown;
      constraint_name?: unknown;
      table_name?: unknown;
    };
    if (typeof code === 'string' && code.startsWith('23')) {
      return [code, constraint_name, table_name].filter((part) => typeof part === 'string').join(' ');
    }
  }
  return undefined;
}

async function writeProjection(
  db: Database,
  { event, view }: ProjectCaseInput,
  digest: LookupDigester | undefined,
): Promise<void> {
  const at = new Date(event.at);
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ lastSeq: cases.lastSeq })
      .from(cases)
      .where(eq(cases.caseNumber, view.caseNumber))
      .for('update');
    if (!current || current.lastSeq < view.seq) await writeCaseAndDeadlines(tx, view, at);
    await tx
      .insert(caseEvents)
      .values({
        caseNumber: view.caseNumber,
        seq: event.seq,
        type: event.type,
        actorKind: event.actor.kind,
        actorId: event.actor.id,
        at,
        before: event.before,
        after: event.after,
        payload: event.payload,
      })
      .onConflictDoNothing();
    await writeRecordsOfEvent(tx, event, view, digest);
  });
}
