import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { enterprises } from '../../db/schema/index.js';
import { normaliseIdNumber } from '../../domain/names.js';
import type { PartyInput } from '../../workflows/case.messages.js';

export interface GreenChannelCandidate {
  enterpriseId: string;
  name: string;
}

/**
 * The registered enterprises among a case's parties (organisations whose 统一社会信用代码 is in the
 * registry): what the case page offers to flag the case for. Read with the case's full party list, never
 * a masked one.
 */
export async function greenChannelCandidates(
  db: Database,
  parties: readonly PartyInput[],
): Promise<GreenChannelCandidate[]> {
  const codes = parties
    .filter((party) => party.kind === 'organisation' && party.idNumber)
    .map((party) => normaliseIdNumber(party.idNumber!));
  if (codes.length === 0) return [];
  const rows = await db
    .select({ enterpriseId: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(inArray(enterprises.creditCode, codes))
    .orderBy(enterprises.name);
  return rows;
}
