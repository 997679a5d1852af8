import { and, asc, desc, eq, exists, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, parties } from '../../db/schema/index.js';
import { addDays, startOfChinaDayEpochMilliseconds } from '../../domain/dates.js';
import { invalidFields } from '../../domain/refusals.js';
import type { Stage } from '../../domain/stages.js';
import type { CaseSource, DisputeCategory, TriageClass } from '../../domain/vocabulary.js';
import type { CaseView, PartyInput } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { type CaseReach, caseReachOf } from './case-access.js';
import { maskParty } from './masking.js';

/** What a case list may be filtered by (all optional but the page size). */
export interface CaseListFilter {
  stage?: Stage | undefined;
  triageClass?: TriageClass | undefined;
  category?: DisputeCategory | undefined;
  source?: CaseSource | undefined;
  unitId?: string | undefined;
  assigneeId?: string | undefined;
  overdue?: 'true' | 'false' | undefined;
  /** First and last registration day (China time), inclusive. */
  registeredFrom?: string | undefined;
  registeredTo?: string | undefined;
  /** Text in the summary or a party's name. */
  q?: string | undefined;
  limit: number;
  /** registered: newest first (the default); nextDue: soonest deadline first (a late one is soonest), none last. */
  order?: 'registered' | 'nextDue' | undefined;
  cursor?: string | undefined;
}

export interface CaseListItem {
  caseNumber: string;
  stage: Stage;
  source: string;
  summary: string;
  triageClass: string | null;
  category: string | null;
  unitId: string | null;
  assigneeId: string | null;
  disposition: string | null;
  overdue: boolean;
  /** 涉企绿色通道: such cases come first in every order. */
  greenChannel: boolean;
  nextDueAt: string | null;
  registeredAt: string;
  parties: PartyInput[];
}

/** Scope of the list by role: the same rule as reading one case. */
function scopeCondition({ principal, supervised }: CaseReach): SQL | undefined {
  if (principal.kind !== 'staff') return sql`false`;
  if (principal.role === 'supervisor') {
    if (supervised === 'all') return undefined;
    return supervised && supervised.length > 0 ? inArray(cases.unitId, [...supervised]) : sql`false`;
  }
  if (principal.role === 'mediator') return eq(cases.assigneeId, principal.userId);
  return undefined;
}

export async function listCases(db: Database, principal: Principal, query: CaseListFilter) {
  const conditions: (SQL | undefined)[] = [scopeCondition(await caseReachOf(db, principal))];
  if (query.stage) conditions.push(eq(cases.stage, query.stage));
  if (query.triageClass) conditions.push(eq(cases.triageClass, query.triageClass));
  if (query.category) conditions.push(eq(cases.category, query.category));
  if (query.source) conditions.push(eq(cases.source, query.source));
  if (query.unitId) conditions.push(eq(cases.unitId, query.unitId));
  if (query.assigneeId) conditions.push(eq(cases.assigneeId, query.assigneeId));
  if (query.overdue) conditions.push(eq(cases.overdue, query.overdue === 'true'));
  if (query.registeredFrom) {
    conditions.push(
      gte(cases.registeredAt, new Date(startOfChinaDayEpochMilliseconds(query.registeredFrom))),
    );
  }
  if (query.registeredTo) {
    conditions.push(
      lt(cases.registeredAt, new Date(startOfChinaDayEpochMilliseconds(addDays(query.registeredTo, 1)))),
    );
  }
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(cases.summary, pattern),
        exists(
          db
            .select({ one: sql`1` })
            .from(parties)
            .where(and(eq(parties.caseNumber, cases.caseNumber), ilike(parties.name, pattern))),
        ),
      ),
    );
  }
  const byDue = query.order === 'nextDue';
  const dueKey = sql`coalesce(${cases.nextDueAt}, 'infinity'::timestamptz)`;
  const cursor = query.cursor ? decodeListCursor(query.cursor, byDue) : undefined;
  /** After the cursor's position, within its part of the list. */
  const after = (position: ListCursor): SQL =>
    byDue
      ? sql`(${dueKey}, ${cases.caseNumber}) > (${position.at}::timestamptz, ${position.caseNumber})`
      : sql`(${cases.registeredAt}, ${cases.caseNumber}) < (${position.at}::timestamptz, ${position.caseNumber})`;
  /**
   * One part of the list: the green channel's cases (涉企绿色通道, few, read by their own partial index)
   * or the others, each in the order asked for. The green part comes first; a page that ends in it
   * fills up from the other.
   */
  const part = (green: boolean, position: ListCursor | undefined, limit: number) =>
    db
      .select({
        caseNumber: cases.caseNumber,
        stage: cases.stage,
        source: cases.source,
        summary: cases.summary,
        triageClass: cases.triageClass,
        category: cases.category,
        unitId: cases.unitId,
        assigneeId: cases.assigneeId,
        disposition: cases.disposition,
        overdue: cases.overdue,
        greenChannel: cases.greenChannel,
        nextDueAt: cases.nextDueAt,
        registeredAt: cases.registeredAt,
        state: cases.state,
        dueCursor: sql<string>`coalesce(to_char(${cases.nextDueAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'infinity')`,
      })
      .from(cases)
      .where(and(...conditions, eq(cases.greenChannel, green), position ? after(position) : undefined))
      .orderBy(
        ...(byDue
          ? [asc(dueKey), asc(cases.caseNumber)]
          : [desc(cases.registeredAt), desc(cases.caseNumber)]),
      )
      .limit(limit);
  const rows = cursor?.green === false ? [] : await part(true, cursor, query.limit + 1);
  if (rows.length <= query.limit)
    rows.push(
      ...(await part(false, cursor?.green === false ? cursor : undefined, query.limit + 1 - rows.length)),
    );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items: CaseListItem[] = page.map(({ state, dueCursor: _dueCursor, ...row }) => ({
    ...row,
    stage: row.stage as Stage,
    nextDueAt: row.nextDueAt?.toISOString() ?? null,
    registeredAt: row.registeredAt.toISOString(),
    // Lists always mask ID and phone numbers: open the case to see them, where the role allows.
    parties: (state as CaseView).parties.map(maskParty),
  }));
  return {
    items,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([
            last.greenChannel ? '1' : '0',
            byDue ? last.dueCursor : last.registeredAt.toISOString(),
            last.caseNumber,
          ])
        : null,
  };
}

/** Where a page of the case list ended: in which part (涉企绿色通道 or not), at which instant and case. */
interface ListCursor {
  green: boolean;
  /** The registration instant, or the next due instant as the database wrote it ('infinity': none). */
  at: string;
  caseNumber: string;
}

function decodeListCursor(text: string, byDue: boolean): ListCursor {
  const [green, at, caseNumber] = decodeCursor(text, ['text', byDue ? 'text' : 'instant', 'text'] as const);
  // A due instant to the microsecond (a JavaScript Date keeps milliseconds only), or none.
  const dueShape = at === 'infinity' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at);
  if ((green !== '0' && green !== '1') || (byDue && !dueShape))
    throw invalidFields([{ field: 'cursor', reason: 'not a cursor this API issued', in: 'query' }]);
  return { green: green === '1', at, caseNumber };
}
