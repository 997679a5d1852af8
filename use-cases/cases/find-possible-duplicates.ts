import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, parties, partyLookupDigests } from '../../db/schema/index.js';
import { partyLookupValues } from '../../domain/party-lookup.js';
import type { Stage } from '../../domain/stages.js';
import { lookupDigesterFor } from '../../lib/lookup-digest.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { canSeeCase, caseReachOf } from './case-access.js';
import { maskIdNumber } from './masking.js';

/** An open case that shares an ID number, credit code or phone with a dispute about to be registered. */
export interface PossibleDuplicate {
  caseNumber: string;
  stage: Stage;
  registeredAt: string;
  partyNames: string[];
  /** The case's parties with their ID numbers masked (150702********1233): enough to tell people apart. */
  parties: { name: string; maskedIdNumber: string | null }[];
  /** Which of the new parties matched, and on what (never the number itself). */
  matches: { partyName: string; on: 'idNumber' | 'phone' }[];
}

/** What a look-up by number needs: the read model and the key of its digest index (LOOKUP_HASH_KEY). */
export interface PartyLookup {
  db: Database;
  lookupHashKey: string;
}

/**
 * The cases whose parties have one of these digests: through the digest index alone, so the party
 * number columns are never read (test/e2e/party-lookup-digests.test.ts checks the plan).
 */
export function casesWithDigests(db: Database, digests: string[], { includeClosed = false } = {}) {
  const matching = inArray(partyLookupDigests.digest, digests);
  return db
    .select({
      caseNumber: cases.caseNumber,
      stage: cases.stage,
      registeredAt: cases.registeredAt,
      unitId: cases.unitId,
      assigneeId: cases.assigneeId,
      digest: partyLookupDigests.digest,
    })
    .from(partyLookupDigests)
    .innerJoin(cases, eq(cases.caseNumber, partyLookupDigests.caseNumber))
    .where(includeClosed ? matching : and(matching, isNull(cases.closedAt), ne(cases.stage, 'archived')))
    .limit(200);
}

/**
 * Open cases (not yet closed) with a party of the same ID number or 统一社会信用代码 or the same phone,
 * among the cases the caller may see: the new parties' numbers are normalised (…123x = …123X,
 * +86 138 0000 1111 = 13800001111), digested with the look-up key and found in the digest index.
 * The numbers themselves are neither compared in the database nor logged nor returned.
 */
export async function findPossibleDuplicates(
  { db, lookupHashKey }: PartyLookup,
  principal: Principal,
  newParties: readonly Pick<PartyInput, 'name' | 'idNumber' | 'phone'>[],
  { includeClosed = false }: { includeClosed?: boolean } = {},
): Promise<PossibleDuplicate[]> {
  const digest = lookupDigesterFor(lookupHashKey);
  /** digest → the new parties it came from, and on what. */
  const sought = new Map<string, { partyName: string; on: 'idNumber' | 'phone' }[]>();
  for (const party of newParties) {
    for (const { kind, value } of partyLookupValues(party)) {
      const key = digest(kind, value);
      const list = sought.get(key) ?? [];
      list.push({ partyName: party.name, on: kind === 'phone' ? 'phone' : 'idNumber' });
      sought.set(key, list);
    }
  }
  if (sought.size === 0) return [];
  const rows = await casesWithDigests(db, [...sought.keys()], { includeClosed });
  const reach = await caseReachOf(db, principal);
  const found = new Map<string, PossibleDuplicate>();
  for (const row of rows) {
    if (!canSeeCase(reach, row)) continue;
    const entry = found.get(row.caseNumber) ?? {
      caseNumber: row.caseNumber,
      stage: row.stage as Stage,
      registeredAt: row.registeredAt.toISOString(),
      partyNames: [],
      parties: [],
      matches: [],
    };
    for (const match of sought.get(row.digest) ?? []) {
      if (!entry.matches.some((m) => m.partyName === match.partyName && m.on === match.on))
        entry.matches.push(match);
    }
    found.set(row.caseNumber, entry);
  }
  if (found.size === 0) return [];
  const names = await db
    .select({ caseNumber: parties.caseNumber, name: parties.name, idNumber: parties.idNumber })
    .from(parties)
    .where(inArray(parties.caseNumber, [...found.keys()]))
    .orderBy(parties.caseNumber, parties.ordinal);
  for (const { caseNumber, name, idNumber } of names) {
    const entry = found.get(caseNumber);
    entry?.partyNames.push(name);
    entry?.parties.push({ name, maskedIdNumber: idNumber ? maskIdNumber(idNumber) : null });
  }
  return [...found.values()].sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
}
