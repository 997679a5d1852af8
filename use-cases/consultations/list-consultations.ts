import {
  and,
  desc,
  eq,
  exists,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { consultations } from '../../db/schema/index.js';
import type {
  ConsultationChannel,
  ConsultationReferral,
  ConsultationTopic,
} from '../../domain/consultation-vocabulary.js';
import { addDays, startOfChinaDayEpochMilliseconds } from '../../domain/dates.js';
import { Refusal } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { workingUnitsOf } from '../shared/working-units.js';
import { type SupervisionScope, scopeIncludes } from '../supervision/scope.js';
import { type Consultation, toConsultation } from './consultation-response.js';

/** What the consultation ledger may be searched by (all optional but the page size). */
export interface ConsultationListFilter {
  channel?: ConsultationChannel | undefined;
  topic?: ConsultationTopic | undefined;
  referral?: ConsultationReferral | undefined;
  unitId?: string | undefined;
  /** 'true': only those that became a case; 'false': only those that did not. */
  converted?: 'true' | 'false' | undefined;
  /** First and last day recorded (China time), inclusive. */
  recordedFrom?: string | undefined;
  recordedTo?: string | undefined;
  /** Text in the question, the facts, the answer or a party's name. */
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function scopeCondition(scope: SupervisionScope): SQL | undefined {
  if (scope === 'all') return undefined;
  return scope.length > 0 ? inArray(consultations.unitId, [...scope]) : sql`false`;
}

/** Conditions shared by the list and the statistics: period (China days) and unit. */
export function periodConditions(filter: {
  recordedFrom?: string | undefined;
  recordedTo?: string | undefined;
  unitId?: string | undefined;
}): SQL[] {
  const conditions: SQL[] = [];
  if (filter.unitId) conditions.push(eq(consultations.unitId, filter.unitId));
  if (filter.recordedFrom) {
    const from = new Date(startOfChinaDayEpochMilliseconds(filter.recordedFrom));
    conditions.push(gte(consultations.recordedAt, from));
  }
  if (filter.recordedTo) {
    const end = new Date(startOfChinaDayEpochMilliseconds(addDays(filter.recordedTo, 1)));
    conditions.push(lt(consultations.recordedAt, end));
  }
  return conditions;
}

/** The ledger, newest first, within the caller's units; ID and phone numbers masked. */
export async function listConsultations(
  db: Database,
  principal: StaffPrincipal,
  filter: ConsultationListFilter,
): Promise<{ items: Consultation[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [
    scopeCondition(await workingUnitsOf(db, principal)),
    ...periodConditions(filter),
  ];
  if (filter.channel) conditions.push(eq(consultations.channel, filter.channel));
  if (filter.topic) conditions.push(eq(consultations.topic, filter.topic));
  if (filter.referral) conditions.push(eq(consultations.referral, filter.referral));
  if (filter.converted === 'true') conditions.push(isNotNull(consultations.caseNumber));
  if (filter.converted === 'false') conditions.push(isNull(consultations.caseNumber));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(consultations.question, pattern),
        ilike(consultations.facts, pattern),
        ilike(consultations.answer, pattern),
        exists(
          sql`(select 1 from jsonb_array_elements(${consultations.parties}) as party
               where party->>'name' ilike ${pattern})`,
        ),
      ),
    );
  }
  if (filter.cursor) {
    const [atText, id] = decodeCursor(filter.cursor, ['instant', 'uuid'] as const);
    const at = new Date(atText);
    conditions.push(
      or(lt(consultations.recordedAt, at), and(eq(consultations.recordedAt, at), lt(consultations.id, id))),
    );
  }
  const rows = await db
    .select()
    .from(consultations)
    .where(and(...conditions))
    .orderBy(desc(consultations.recordedAt), desc(consultations.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    // Lists always mask ID and phone numbers: open the consultation to see them.
    items: page.map((row) => toConsultation(row, { masked: true })),
    nextCursor:
      rows.length > filter.limit && last ? encodeCursor([last.recordedAt.toISOString(), last.id]) : null,
  };
}

/** One consultation, for someone whose units include its unit; anyone else gets 404 as if it did not exist. */
export async function readConsultation(
  db: Database,
  principal: StaffPrincipal,
  id: string,
): Promise<Consultation> {
  const [row] = await db.select().from(consultations).where(eq(consultations.id, id)).limit(1);
  if (!row || !scopeIncludes(await workingUnitsOf(db, principal), row.unitId)) {
    throw new Refusal('not_found', { detail: 'No consultation with this id among your units.' });
  }
  return toConsultation(row, { masked: false });
}
