import type { InferInsertModel } from 'drizzle-orm';
import type { partyLookupDigests } from '../db/schema/index.js';
import { type LookupDigester, partyLookupValues } from '../domain/party-lookup.js';

type LookupDigestRow = InferInsertModel<typeof partyLookupDigests>;

/** The look-up index rows of a case's parties (ordinals as in `parties`): digests, never the numbers. */
export function lookupDigestRows(
  caseNumber: string,
  list: readonly { idNumber?: string | null | undefined; phone?: string | null | undefined }[],
  digest: LookupDigester,
): LookupDigestRow[] {
  return list.flatMap((party, ordinal) =>
    partyLookupValues(party).map(({ kind, value }) => ({
      caseNumber,
      ordinal,
      kind,
      digest: digest(kind, value),
    })),
  );
}
