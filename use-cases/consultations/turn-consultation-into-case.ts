import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { consultations } from '../../db/schema/index.js';
import { type ConsultationChannel, caseSourceOfChannel } from '../../domain/consultation-vocabulary.js';
import { Refusal, refuseField } from '../../domain/refusals.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { CaseResponse } from '../cases/case-response.js';
import { readCase } from '../cases/read-case.js';
import { registerCase } from '../cases/register-case.js';
import { workingUnitsOf } from '../shared/working-units.js';
import { scopeIncludes } from '../supervision/scope.js';

type RegisterCaseDependencies = Parameters<typeof registerCase>[0];

export interface TurnConsultationIntoCaseInput {
  /** The parties, where the consultation recorded none or they need completing; else the recorded ones. */
  parties?: PartyInput[] | undefined;
}

/** A claim this old belongs to a request that died between claiming and registering. */
const staleClaimMilliseconds = 2 * 60_000;
/** How long a second request waits for the first to finish registering the case. */
const waitForOtherMilliseconds = 10_000;

/**
 * A consultation that needs mediation becomes a case (咨询转调解): registered as any case is, in the
 * consultation's unit, from the channel the person came through, with its parties (or those sent now, where
 * it recorded none) and its facts (or the question, where no facts were written down) as the summary.
 *
 * Safe to retry: a request first claims the consultation in one statement; a second request (a double
 * click, a retry after a lost answer) finds the claim, waits for the first to finish and answers its
 * case (`created: false`) instead of registering the dispute twice. No transaction is held open while
 * the case's workflow starts, so concurrent conversions never exhaust the connection pool.
 */
export async function turnConsultationIntoCase(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  id: string,
  input: TurnConsultationIntoCaseInput,
): Promise<{ case: CaseResponse; created: boolean }> {
  const row = await findConsultation(deps.db, principal, id);
  if (row.caseNumber) return existingCase(deps, principal, row.caseNumber);
  const parties = input.parties ?? (row.parties as PartyInput[]);
  if (parties.length === 0) {
    refuseField('consultation_without_parties', 'parties', 'the consultation names no party: send them');
  }
  const now = new Date();
  const [claimed] = await deps.db
    .update(consultations)
    .set({ conversionClaimedAt: now })
    .where(
      and(
        eq(consultations.id, id),
        isNull(consultations.caseNumber),
        or(
          isNull(consultations.conversionClaimedAt),
          lt(consultations.conversionClaimedAt, new Date(now.getTime() - staleClaimMilliseconds)),
        ),
      ),
    )
    .returning({ id: consultations.id });
  if (!claimed) return existingCase(deps, principal, await caseNumberOnceRegistered(deps.db, id));
  try {
    const { body: registered } = await registerCase(deps, principal, {
      source: caseSourceOfChannel[row.channel as ConsultationChannel],
      summary: row.facts ?? row.question,
      unitId: row.unitId,
      parties,
    });
    await deps.db
      .update(consultations)
      .set({ caseNumber: registered.caseNumber, convertedAt: new Date(), referral: 'mediation', parties })
      .where(eq(consultations.id, id));
    return { case: registered, created: true };
  } catch (error) {
    // Nothing was registered (or the refusal says why not): let the next request try at once.
    await deps.db
      .update(consultations)
      .set({ conversionClaimedAt: null })
      .where(and(eq(consultations.id, id), isNull(consultations.caseNumber)));
    throw error;
  }
}

async function findConsultation(db: Database, principal: StaffPrincipal, id: string) {
  const [row] = await db.select().from(consultations).where(eq(consultations.id, id)).limit(1);
  if (!row || !scopeIncludes(await workingUnitsOf(db, principal), row.unitId)) {
    throw new Refusal('not_found', { detail: 'No consultation with this id among your units.' });
  }
  return row;
}

async function existingCase(deps: RegisterCaseDependencies, principal: StaffPrincipal, caseNumber: string) {
  return { case: await readCase(deps.db, principal, caseNumber, deps.temporal), created: false };
}

/** The case another request is registering for this consultation, once it has one. */
async function caseNumberOnceRegistered(db: Database, id: string): Promise<string> {
  const deadline = Date.now() + waitForOtherMilliseconds;
  for (;;) {
    const [row] = await db
      .select({ caseNumber: consultations.caseNumber, claimedAt: consultations.conversionClaimedAt })
      .from(consultations)
      .where(eq(consultations.id, id))
      .limit(1);
    if (row?.caseNumber) return row.caseNumber;
    if (!row?.claimedAt || Date.now() > deadline) {
      // The other request failed (its claim released) or is slow: say so, and the client retries.
      throw new Refusal('conversion_in_progress', {
        detail: 'Another request is turning this consultation into a case; retry shortly.',
        retryAfterSeconds: 2,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
