import { and, desc, eq, exists, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Principal } from '../../api/context.js';
import { Problem } from '../../api/problem.js';
import type { CaseListItemSchema, CaseListQuery } from '../../api/schemas/case-schemas.js';
import type { Database } from '../../db/client.js';
import { cases, parties } from '../../db/schema/index.js';
import { addDays, startOfChinaDayEpochMilliseconds } from '../../domain/dates.js';
import type { CaseView } from '../../workflows/case.messages.js';
import { supervisedUnitsOf } from './case-access.js';
import { maskParty } from './masking.js';

type Query = z.infer<typeof CaseListQuery>;
type Item = z.infer<typeof CaseListItemSchema>;

/** Keyset cursor over (registered_at, case_number), newest first: pages never skip or repeat. */
function encodeCursor(registeredAt: Date, caseNumber: string): string {
  return Buffer.from(JSON.stringify([registeredAt.toISOString(), caseNumber])).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, caseNumber] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof caseNumber !== 'string') throw new Error('bad cursor');
    return [date, caseNumber];
  } catch {
    throw new Problem(
      400,
      'validation_failed',
      'The request is not valid',
      'cursor: not a cursor this API issued',
      {
        errors: [{ field: 'cursor', reason: 'not a cursor this API issued', in: 'query' }],
      },
    );
  }
}

/** Scope of the list by role: the same rule as reading one case. */
function scopeCondition(principal: Principal, supervised: string[]): SQL | undefined {
  if (principal.kind !== 'staff') return sql`false`;
  if (principal.role === 'supervisor')
    return supervised.length > 0 ? inArray(cases.unitId, supervised) : sql`false`;
  if (principal.role === 'mediator') return eq(cases.assigneeId, principal.userId);
  return undefined;
}

export async function listCases(db: Database, principal: Principal, query: Query) {
  const conditions: (SQL | undefined)[] = [scopeCondition(principal, await supervisedUnitsOf(db, principal))];
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
  if (query.cursor) {
    const [at, caseNumber] = decodeCursor(query.cursor);
    conditions.push(
      or(lt(cases.registeredAt, at), and(eq(cases.registeredAt, at), lt(cases.caseNumber, caseNumber))),
    );
  }
  const rows = await db
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
      nextDueAt: cases.nextDueAt,
      registeredAt: cases.registeredAt,
      state: cases.state,
    })
    .from(cases)
    .where(and(...conditions))
    .orderBy(desc(cases.registeredAt), desc(cases.caseNumber))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items: Item[] = page.map(({ state, ...row }) => ({
    ...row,
    stage: row.stage as Item['stage'],
    nextDueAt: row.nextDueAt?.toISOString() ?? null,
    registeredAt: row.registeredAt.toISOString(),
    // Lists always mask ID and phone numbers: open the case to see them, where the role allows.
    parties: (state as CaseView).parties.map(maskParty),
  }));
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.registeredAt, last.caseNumber) : null,
  };
}
