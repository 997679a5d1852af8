import type { Database } from '../../db/client.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import { loadCase } from './read-case.js';

/** A candidate's conflict of interest with a party (回避), as the assignment's own check finds it. */
export interface CandidateConflict {
  party: string;
  matchedOn: 'id_number' | 'name';
  relation: string;
}

/**
 * The conflict check the case workflow runs at assignment (activities/find-conflicts.ts), handed in by
 * the wiring: the picker shows its result for each candidate before the form is submitted.
 */
export type ConflictCheck = (input: {
  caseNumber: string;
  mediatorId: string;
  parties: PartyInput[];
}) => Promise<CandidateConflict[]>;

/** Each candidate's conflicts with the case's parties (full details from the read model), by mediator id. */
export async function checkCandidateConflicts(
  db: Database,
  check: ConflictCheck,
  caseNumber: string,
  mediatorIds: string[],
): Promise<Record<string, CandidateConflict[]>> {
  const found = await loadCase(db, caseNumber);
  if (!found) return {};
  const answers = await Promise.all(
    mediatorIds.map(async (mediatorId) => {
      const conflicts = await check({ caseNumber, mediatorId, parties: found.view.parties });
      return [mediatorId, conflicts] as const;
    }),
  );
  return Object.fromEntries(answers);
}
