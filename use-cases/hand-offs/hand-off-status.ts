import { and, asc, desc, eq, like, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, deliveries, handOffs } from '../../db/schema/index.js';
import { handOffDeadlineKind, handOffKindLabelsZh } from '../../domain/hand-offs.js';
import { Refusal } from '../../domain/refusals.js';
import type { CaseView } from '../../workflows/case.messages.js';
import { deliveryProgressOf } from '../referrals/delivery-progress.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';

/** The hand-off row addressed to this institution; another body's id finds nothing (404). */
export async function findHandOff(db: Database, institutionId: string, handOffId: string) {
  const [row] = await db
    .select({ caseNumber: handOffs.caseNumber, n: handOffs.n, state: cases.state })
    .from(handOffs)
    .innerJoin(cases, eq(cases.caseNumber, handOffs.caseNumber))
    .where(and(eq(handOffs.id, handOffId), eq(handOffs.institutionId, institutionId)));
  if (!row) throw new Refusal('not_found', { detail: `No hand-off ${handOffId} to this institution.` });
  const view = row.state as CaseView;
  const record = (view.handOffs ?? []).find((handOff) => handOff.n === row.n);
  if (!record) throw new Refusal('not_found', { detail: `No hand-off ${handOffId} to this institution.` });
  return { caseNumber: row.caseNumber, n: row.n, view, record };
}

/**
 * What the receiving body sees of its hand-off: what was sent, the deadline it is on, its own answers,
 * and how the deliveries about it travelled. The parties by name and role only (no ID or phone numbers:
 * the body asks the parties for those in its own procedure).
 */
export async function handOffStatus(db: Database, institutionId: string, handOffId: string) {
  const { caseNumber, n, view, record } = await findHandOff(db, institutionId, handOffId);
  const deadline = view.deadlines.find((candidate) => candidate.kind === handOffDeadlineKind(n));
  const sent = await db
    .select()
    .from(deliveries)
    .where(
      and(
        eq(deliveries.caseNumber, caseNumber),
        eq(deliveries.institutionId, institutionId),
        like(deliveries.kind, 'hand_off.%'),
      ),
    )
    .orderBy(asc(deliveries.createdAt));
  return {
    id: record.id,
    caseNumber,
    kind: record.kind,
    kindZh: handOffKindLabelsZh[record.kind],
    status: record.status,
    sentAt: record.sentAt,
    note: record.note,
    jurisdictionBasis: record.jurisdictionBasis,
    legalAid: record.legalAid ?? null,
    case: {
      summary: view.summary,
      parties: view.parties.map((party) => ({ kind: party.kind, name: party.name, role: party.role })),
      disposition: view.disposition,
    },
    deadline: deadline
      ? {
          status: deadline.status,
          dueAt: deadline.explanation.dueAt,
          policyKey: deadline.explanation.policyKey,
          summaryZh: deadline.explanation.summaryZh,
        }
      : null,
    acknowledgement: record.acknowledgement,
    result: record.result,
    withdrawal: record.withdrawal,
    deliveries: await deliveryProgressOf(db, sent),
  };
}

/** A page of the hand-offs addressed to this institution, newest first. */
export async function listHandOffs(
  db: Database,
  institutionId: string,
  query: { cursor?: string | undefined; limit: number },
) {
  const conditions: SQL[] = [eq(handOffs.institutionId, institutionId)];
  if (query.cursor) {
    const [atText, id] = decodeCursor(query.cursor, ['instant', 'text'] as const);
    const at = new Date(atText);
    conditions.push(or(lt(handOffs.sentAt, at), and(eq(handOffs.sentAt, at), lt(handOffs.id, id)))!);
  }
  const rows = await db
    .select({ id: handOffs.id, sentAt: handOffs.sentAt })
    .from(handOffs)
    .where(and(...conditions))
    .orderBy(desc(handOffs.sentAt), desc(handOffs.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await Promise.all(page.map((row) => handOffStatus(db, institutionId, row.id))),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sentAt.toISOString(), last.id]) : null,
  };
}
