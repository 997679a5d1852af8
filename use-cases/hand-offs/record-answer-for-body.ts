import { and, count, eq, isNull } from 'drizzle-orm';
import { apiKeys, handOffs } from '../../db/schema/index.js';
import { handOffId } from '../../domain/hand-offs.js';
import { Refusal } from '../../domain/refusals.js';
import {
  type AcknowledgeHandOffInput,
  acknowledgeHandOffUpdate,
  type RecordHandOffResultInput,
  recordHandOffResultUpdate,
} from '../../workflows/hand-off.messages.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { CaseResponse } from '../cases/case-response.js';
import type { IdempotentRequest } from '../cases/idempotency-keys.js';
import type { CaseUpdateDependencies } from '../cases/send-case-update.js';
import { updateCaseOnce } from '../cases/update-case.js';

/** A body with a live API key answers itself; staff record the answers only of bodies without one. */
async function requireBodyWithoutApi(deps: CaseUpdateDependencies, caseNumber: string, n: number) {
  const [row] = await deps.db
    .select({ institutionId: handOffs.institutionId })
    .from(handOffs)
    .where(eq(handOffs.id, handOffId(caseNumber, n)));
  if (!row) throw new Refusal('not_found', { detail: `No hand-off ${n} of case ${caseNumber}.` });
  const [keys] = await deps.db
    .select({ live: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.institutionId, row.institutionId), isNull(apiKeys.revokedAt)));
  if ((keys?.live ?? 0) > 0)
    throw new Refusal('body_answers_itself', { detail: 'The body answers through its own API key.' });
}

/** Staff record a body's acceptance or refusal, from its letter or call (联动单位未接入系统). */
export async function recordAcknowledgementForBody(
  deps: CaseUpdateDependencies,
  principal: StaffPrincipal,
  caseNumber: string,
  input: AcknowledgeHandOffInput,
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: CaseResponse; replayed: boolean }> {
  await requireBodyWithoutApi(deps, caseNumber, input.n);
  return updateCaseOnce(deps, principal, caseNumber, acknowledgeHandOffUpdate, input, idempotency);
}

/** Staff record a body's result, from the document it sent (裁定书、立案通知、裁决书、指派通知). */
export async function recordResultForBody(
  deps: CaseUpdateDependencies,
  principal: StaffPrincipal,
  caseNumber: string,
  input: RecordHandOffResultInput,
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: CaseResponse; replayed: boolean }> {
  await requireBodyWithoutApi(deps, caseNumber, input.n);
  return updateCaseOnce(deps, principal, caseNumber, recordHandOffResultUpdate, input, idempotency);
}
