import { and, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, parties } from '../../db/schema/index.js';
import { normaliseIdNumber } from '../../domain/names.js';
import type { Stage } from '../../domain/stages.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { canSeeCase, caseReachOf } from './case-access.js';

/** An open case that shares an ID number, credit code or phone with a dispute about to be registered. */
export interface PossibleDuplicate {
  caseNumber: string;
  stage: Stage;
  registeredAt: string;
  partyNames: string[];
  /** Which of the new parties matched, and on what (never the number itself). */
  matches: { partyName: string; on: 'idNumber' | 'phone' }[];
}

const digitsOf = (phone: string) => phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');

/**
 * Open cases (not yet closed) with a party of the same ID number or 统一社会信用代码 (exact, through
 * the parties' id_number index) or the same phone digits, among the cases the caller may see. The
 * numbers are compared in the database and never logged or returned.
 */
export async function findPossibleDuplicates(
  db: Database,
  principal: Principal,
  newParties: readonly PartyInput[],
  { includeClosed = false }: { includeClosed?: boolean } = {},
): Promise<PossibleDuplicate[]> {
  const idNumbers = [
    ...new Set(newParties.flatMap((p) => (p.idNumber ? [normaliseIdNumber(p.idNumber)] : []))),
  ];
  const phones = [...new Set(newParties.flatMap((p) => (p.phone ? [digitsOf(p.phone)] : [])))].filter(
    (digits) => digits.length >= 7,
  );
  if (idNumbers.length === 0 && phones.length === 0) return [];
  const matchers: SQL[] = [];
  if (idNumbers.length) matchers.push(inArray(parties.idNumber, idNumbers));
  if (phones.length)
    matchers.push(
      inArray(
        sql`regexp_replace(regexp_replace(${parties.phone}, '\\D', '', 'g'), '^86(1\\d{10})$', '\\1')`,
        phones,
      ),
    );
  const rows = await db
    .select({
      caseNumber: cases.caseNumber,
      stage: cases.stage,
      registeredAt: cases.registeredAt,
      unitId: cases.unitId,
      assigneeId: cases.assigneeId,
      idNumber: parties.idNumber,
      phone: parties.phone,
    })
    .from(parties)
    .innerJoin(cases, eq(cases.caseNumber, parties.caseNumber))
    .where(
      includeClosed
        ? or(...matchers)
        : and(or(...matchers), isNull(cases.closedAt), ne(cases.stage, 'archived')),
    )
    .limit(200);
  const reach = await caseReachOf(db, principal);
  const found = new Map<string, PossibleDuplicate>();
  for (const row of rows) {
    if (!canSeeCase(reach, row)) continue;
    const entry = found.get(row.caseNumber) ?? {
      caseNumber: row.caseNumber,
      stage: row.stage as Stage,
      registeredAt: row.registeredAt.toISOString(),
      partyNames: [],
      matches: [],
    };
    for (const party of newParties) {
      const onId = party.idNumber && row.idNumber === normaliseIdNumber(party.idNumber);
      const onPhone = party.phone && row.phone && digitsOf(row.phone) === digitsOf(party.phone);
      if (onId || onPhone) {
        const on = onId ? 'idNumber' : 'phone';
        if (!entry.matches.some((m) => m.partyName === party.name && m.on === on))
          entry.matches.push({ partyName: party.name, on });
      }
    }
    found.set(row.caseNumber, entry);
  }
  if (found.size === 0) return [];
  const names = await db
    .select({ caseNumber: parties.caseNumber, name: parties.name })
    .from(parties)
    .where(inArray(parties.caseNumber, [...found.keys()]))
    .orderBy(parties.caseNumber, parties.ordinal);
  for (const { caseNumber, name } of names) found.get(caseNumber)?.partyNames.push(name);
  return [...found.values()].sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
}
