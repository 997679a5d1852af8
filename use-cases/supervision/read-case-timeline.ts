import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { caseDeadlines, caseEvents, cases, supervisionOrders, units, users } from '../../db/schema/index.js';
import type { DeadlineExplanation } from '../../domain/explain-deadline.js';
import type { CaseView } from '../../workflows/case.messages.js';
import { publicChannelActorId } from '../public/apply-for-mediation.js';

/** Everything the timeline page shows of one case, read from the read model. */
export interface CaseTimeline {
  caseNumber: string;
  origin: 'workflow' | 'import';
  stage: string;
  view: CaseView & { imported?: Record<string, unknown> };
  unitId: string | null;
  unitName: string | null;
  assigneeName: string | null;
  events: {
    seq: number;
    type: string;
    actorKind: string;
    actorName: string | null;
    at: Date;
    payload: Record<string, unknown>;
    /** For (re)assignments: the mediator assigned. */
    mediatorName: string | null;
  }[];
  deadlines: {
    kind: string;
    status: string;
    startedAt: Date;
    dueAt: Date;
    explanation: DeadlineExplanation;
  }[];
  orders: {
    seq: number;
    note: string;
    explainBy: Date;
    issuedAt: Date;
    issuedByName: string | null;
    assigneeName: string | null;
    explanation: string | null;
    explainedAt: Date | null;
  }[];
}

export async function readCaseTimeline(db: Database, caseNumber: string): Promise<CaseTimeline | undefined> {
  const [row] = await db
    .select({
      caseNumber: cases.caseNumber,
      origin: cases.origin,
      stage: cases.stage,
      state: cases.state,
      unitId: cases.unitId,
      unitName: units.name,
      assigneeId: cases.assigneeId,
    })
    .from(cases)
    .leftJoin(units, eq(units.id, cases.unitId))
    .where(eq(cases.caseNumber, caseNumber))
    .limit(1);
  if (!row) return undefined;
  const [events, deadlines, orders] = await Promise.all([
    db.select().from(caseEvents).where(eq(caseEvents.caseNumber, caseNumber)).orderBy(asc(caseEvents.seq)),
    db
      .select()
      .from(caseDeadlines)
      .where(eq(caseDeadlines.caseNumber, caseNumber))
      .orderBy(asc(caseDeadlines.dueAt)),
    db
      .select()
      .from(supervisionOrders)
      .where(eq(supervisionOrders.caseNumber, caseNumber))
      .orderBy(asc(supervisionOrders.seq)),
  ]);
  const userIds = new Set<string>();
  if (row.assigneeId) userIds.add(row.assigneeId);
  for (const event of events) {
    if (event.actorKind === 'staff' && event.actorId) userIds.add(event.actorId);
    const mediatorId = (event.payload as { mediatorId?: unknown } | null)?.mediatorId;
    if (typeof mediatorId === 'string') userIds.add(mediatorId);
  }
  for (const order of orders) {
    if (order.issuedBy) userIds.add(order.issuedBy);
    if (order.assigneeId) userIds.add(order.assigneeId);
  }
  const named =
    userIds.size > 0
      ? await db
          .select({ id: users.id, displayName: users.displayName })
          .from(users)
          .where(inArray(users.id, [...userIds]))
      : [];
  const nameOf = new Map(named.map((user) => [user.id, user.displayName]));
  const name = (id: string | null | undefined) => (id ? (nameOf.get(id) ?? null) : null);
  return {
    caseNumber: row.caseNumber,
    origin: row.origin,
    stage: row.stage,
    view: row.state as CaseTimeline['view'],
    unitId: row.unitId,
    unitName: row.unitName,
    assigneeName: name(row.assigneeId),
    events: events.map((event) => ({
      seq: event.seq,
      type: event.type,
      actorKind: event.actorKind,
      actorName:
        event.actorKind === 'staff'
          ? name(event.actorId)
          : event.actorKind === 'system' && event.actorId === publicChannelActorId
            ? '网上申请（当事人）'
            : null,
      at: event.at,
      payload: (event.payload ?? {}) as Record<string, unknown>,
      mediatorName: name((event.payload as { mediatorId?: string } | null)?.mediatorId),
    })),
    deadlines: deadlines.map((deadline) => ({
      kind: deadline.kind,
      status: deadline.status,
      startedAt: deadline.startedAt,
      dueAt: deadline.dueAt,
      explanation: deadline.explanation as DeadlineExplanation,
    })),
    orders: orders.map((order) => ({
      seq: order.seq,
      note: order.note,
      explainBy: order.explainBy,
      issuedAt: order.issuedAt,
      issuedByName: name(order.issuedBy),
      assigneeName: name(order.assigneeId),
      explanation: order.explanation,
      explainedAt: order.explainedAt,
    })),
  };
}
