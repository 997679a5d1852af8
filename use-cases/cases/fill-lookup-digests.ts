import { and, asc, gt, isNotNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { parties, partyLookupDigests } from '../../db/schema/index.js';
import { lookupDigesterFor } from '../../lib/lookup-digest.js';
import { lookupDigestRows } from '../../read-model/lookup-digest-rows.js';

const batchSize = 500;

/**
 * Fills the look-up index for parties written without it: rows from before the index existed (a
 * migration cannot digest them, it has no key), and rows a worker without LOOKUP_HASH_KEY projected.
 * Walks the parties in key order a batch at a time and inserts what is missing; running it again adds
 * nothing. With `rebuild`, first empties the index (after LOOKUP_HASH_KEY changed). Answers how many
 * digests it added.
 */
export async function fillMissingLookupDigests(
  db: Database,
  lookupHashKey: string,
  { rebuild = false }: { rebuild?: boolean } = {},
): Promise<number> {
  const digest = lookupDigesterFor(lookupHashKey);
  if (rebuild) await db.delete(partyLookupDigests);
  let added = 0;
  let after: { caseNumber: string; ordinal: number } | undefined;
  for (;;) {
    const batch = await db
      .select({
        caseNumber: parties.caseNumber,
        ordinal: parties.ordinal,
        idNumber: parties.idNumber,
        phone: parties.phone,
      })
      .from(parties)
      .where(
        and(
          or(isNotNull(parties.idNumber), isNotNull(parties.phone)),
          after
            ? or(
                gt(parties.caseNumber, after.caseNumber),
                and(sql`${parties.caseNumber} = ${after.caseNumber}`, gt(parties.ordinal, after.ordinal)),
              )
            : undefined,
          sql`not exists (select 1 from ${partyLookupDigests} d where d.case_number = ${parties.caseNumber}
                and d.ordinal = ${parties.ordinal})`,
        ),
      )
      .orderBy(asc(parties.caseNumber), asc(parties.ordinal))
      .limit(batchSize);
    if (batch.length === 0) return added;
    const rows = batch.flatMap((party) =>
      lookupDigestRows(party.caseNumber, [party], digest).map((row) => ({ ...row, ordinal: party.ordinal })),
    );
    if (rows.length > 0) {
      const inserted = await db
        .insert(partyLookupDigests)
        .values(rows)
        .onConflictDoNothing()
        .returning({ digest: partyLookupDigests.digest });
      added += inserted.length;
    }
    const last = batch.at(-1)!;
    after = { caseNumber: last.caseNumber, ordinal: last.ordinal };
  }
}
