import { eq } from 'drizzle-orm';
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

/**
 * A consultation that needs mediation becomes a case (咨询转调解): registered as any case is, in the
 * consultation's unit, from the channel the person came through, with its parties (or those sent now, where
 * it recorded none) and its facts (or the question, where no facts were written down) as the summary.
 *
 * Safe to retry: the consultation's row is locked while the case is registered, so a second request
 * (a double click, a retry after a lost answer) waits for the first and then finds its case
 * (`created: false`) instead of registering the dispute twice.
 */
export async function turnConsultationIntoCase(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  id: string,
  input: TurnConsultationIntoCaseInput,
): Promise<{ case: CaseResponse; created: boolean }> {
  const scope = await workingUnitsOf(deps.db, principal);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update');
    if (!row || !scopeIncludes(scope, row.unitId)) {
      throw new Refusal('not_found', { detail: 'No consultation with this id among your units.' });
    }
    if (row.caseNumber) {
      return { case: await readCase(deps.db, principal, row.caseNumber, deps.temporal), created: false };
    }
    const parties = input.parties ?? (row.parties as PartyInput[]);
    if (parties.length === 0) {
      refuseField('consultation_without_parties', 'parties', 'the consultation names no party: send them');
    }
    const registered = await registerCase(deps, principal, {
      source: caseSourceOfChannel[row.channel as ConsultationChannel],
      summary: row.facts ?? row.question,
      unitId: row.unitId,
      parties,
    });
    await tx
      .update(consultations)
      .set({ caseNumber: registered.caseNumber, convertedAt: new Date(), referral: 'mediation', parties })
      .where(eq(consultations.id, id));
    return { case: registered, created: true };
  });
}
