import { eq } from 'drizzle-orm';
import { institutions } from '../../db/schema/index.js';
import type { HandOffKind } from '../../domain/hand-offs.js';
import type { LegalAidApplication } from '../../domain/legal-aid.js';
import { Refusal } from '../../domain/refusals.js';
import { handOffUpdate, withdrawHandOffUpdate } from '../../workflows/hand-off.messages.js';
import type { Principal } from '../auth/principal.js';
import type { CaseResponse } from '../cases/case-response.js';
import type { IdempotentRequest } from '../cases/idempotency-keys.js';
import type { CaseUpdateDependencies } from '../cases/send-case-update.js';
import { updateCaseOnce } from '../cases/update-case.js';

export interface SendHandOffInput {
  kind: HandOffKind;
  institutionId: string;
  note: string;
  jurisdictionBasis?: string | undefined;
  legalAid?: LegalAidApplication | undefined;
  partiesConsent: true;
}

function withoutUndefined(application: LegalAidApplication): LegalAidApplication {
  const { exemption, ...rest } = application;
  return exemption ? { ...rest, exemption } : rest;
}

/**
 * Staff hand a case in the link stage to a partner body (联动): the body is named from the reference
 * data (not free text), and the workflow checks the rest (the outcome, the body's kind, the window).
 */
export async function sendHandOff(
  deps: CaseUpdateDependencies,
  principal: Principal,
  caseNumber: string,
  input: SendHandOffInput,
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: CaseResponse; replayed: boolean }> {
  const [institution] = await deps.db
    .select({ id: institutions.id, name: institutions.name, kind: institutions.kind })
    .from(institutions)
    .where(eq(institutions.id, input.institutionId));
  if (!institution) {
    throw new Refusal('unknown_reference', {
      detail: `institutionId: no institution ${input.institutionId}`,
      errors: [{ field: 'institutionId', reason: 'does not exist' }],
    });
  }
  const { institutionId: _id, jurisdictionBasis, legalAid, ...rest } = input;
  return updateCaseOnce(
    deps,
    principal,
    caseNumber,
    handOffUpdate,
    {
      ...rest,
      institution,
      ...(jurisdictionBasis ? { jurisdictionBasis } : {}),
      ...(legalAid ? { legalAid: withoutUndefined(legalAid) } : {}),
    },
    idempotency,
  );
}

/** Staff withdraw an open hand-off (the parties changed their minds, it went to the wrong body). */
export function withdrawHandOff(
  deps: CaseUpdateDependencies,
  principal: Principal,
  caseNumber: string,
  input: { n: number; reason: string },
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: CaseResponse; replayed: boolean }> {
  return updateCaseOnce(deps, principal, caseNumber, withdrawHandOffUpdate, input, idempotency);
}
