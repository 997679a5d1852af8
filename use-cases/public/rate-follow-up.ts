import { avg, count, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { partyRatings } from '../../db/schema/index.js';
import { Refusal, refuse } from '../../domain/refusals.js';
import type { CitizenPrincipal } from './citizen-session.js';
import { postgresCodeOf, uniqueViolation } from './database-errors.js';
import type { MyCase } from './my-cases.js';

/** The party's rating of a case (回访满意度), if they gave one. */
export async function ratingOf(db: Database, citizen: CitizenPrincipal, caseNumber: string) {
  const rows = await db.select().from(partyRatings).where(eq(partyRatings.caseNumber, caseNumber));
  return rows.find((row) => row.phone === citizen.phone);
}

/**
 * A party rates the service once the mediation is over (settled or not): 1–5 and a comment, once per
 * case and phone. The caller read the case as the citizen's (readMyCase).
 */
export async function rateFollowUp(
  db: Database,
  citizen: CitizenPrincipal,
  myCase: MyCase,
  input: { score: number; comment: string },
): Promise<void> {
  if (!myCase.status.concluded)
    refuse('rating_not_open', { detail: 'The mediation has not ended.', currentStage: myCase.stage });
  try {
    await db.insert(partyRatings).values({ caseNumber: myCase.caseNumber, phone: citizen.phone, ...input });
  } catch (error) {
    if (postgresCodeOf(error) === uniqueViolation)
      throw new Refusal('already_rated', { detail: 'Rated before.' });
    throw error;
  }
}

/** What parties said of a case, for the staff's case page: average and count. */
export async function partyRatingsOf(db: Database, caseNumber: string) {
  const [row] = await db
    .select({ average: avg(partyRatings.score), count: count() })
    .from(partyRatings)
    .where(eq(partyRatings.caseNumber, caseNumber));
  return { average: row?.average ? Number(row.average) : null, count: row?.count ?? 0 };
}
