import {
  type AcknowledgeHandOffInput,
  acknowledgeHandOffUpdate,
  type RecordHandOffResultInput,
  recordHandOffResultUpdate,
} from '../../workflows/hand-off.messages.js';
import type { InstitutionPrincipal } from '../auth/principal.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from '../cases/send-case-update.js';
import { findHandOff, handOffStatus } from './hand-off-status.js';

/**
 * The receiving body answers its hand-off through its own API: it accepts or declines it (受理 / 不予受理,
 * 给予 / 不给予法律援助), then reports the result. The same answer twice changes nothing.
 */
export async function acknowledgeHandOff(
  deps: CaseUpdateDependencies,
  body: InstitutionPrincipal,
  handOffId: string,
  input: Omit<AcknowledgeHandOffInput, 'n'>,
) {
  const found = await findHandOff(deps.db, body.institutionId, handOffId);
  await sendCaseUpdate(deps, body, found.caseNumber, acknowledgeHandOffUpdate, { ...input, n: found.n });
  return handOffStatus(deps.db, body.institutionId, handOffId);
}

export async function recordHandOffResult(
  deps: CaseUpdateDependencies,
  body: InstitutionPrincipal,
  handOffId: string,
  input: Omit<RecordHandOffResultInput, 'n'>,
) {
  const found = await findHandOff(deps.db, body.institutionId, handOffId);
  await sendCaseUpdate(deps, body, found.caseNumber, recordHandOffResultUpdate, { ...input, n: found.n });
  return handOffStatus(deps.db, body.institutionId, handOffId);
}
