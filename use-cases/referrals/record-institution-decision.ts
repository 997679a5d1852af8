import { Refusal } from '../../domain/refusals.js';
import { confirmationDecisionUpdate, prosecutionDecisionUpdate } from '../../workflows/referral.messages.js';
import type { InstitutionPrincipal } from '../auth/principal.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from '../cases/send-case-update.js';
import { referralStatus } from './court-referral-status.js';
import { prosecutionStatus } from './prosecution-referral-status.js';
import type { ConfirmationDecisionInput, ProsecutionDecisionInput } from './referral-inputs.js';

/** The referring court's ruling on judicial confirmation (司法确认), recorded on its case. */
export async function recordConfirmationDecision(
  deps: CaseUpdateDependencies,
  court: InstitutionPrincipal,
  reference: string,
  input: ConfirmationDecisionInput,
) {
  const before = await referralStatus(deps.db, court.institutionId, reference);
  if (!before) throw new Refusal('not_found', { detail: `No referral ${reference} from this court.` });
  await sendCaseUpdate(deps, court, before.caseNumber, confirmationDecisionUpdate, input);
  return (await referralStatus(deps.db, court.institutionId, reference))!;
}

/** The referring procuratorate's decision (不起诉 / 从宽量刑建议 / 起诉), which closes its case. */
export async function recordProsecutionDecision(
  deps: CaseUpdateDependencies,
  procuratorate: InstitutionPrincipal,
  reference: string,
  input: ProsecutionDecisionInput,
) {
  const before = await prosecutionStatus(deps.db, procuratorate.institutionId, reference);
  if (!before)
    throw new Refusal('not_found', { detail: `No referral ${reference} from this procuratorate.` });
  await sendCaseUpdate(deps, procuratorate, before.caseNumber, prosecutionDecisionUpdate, input);
  return (await prosecutionStatus(deps.db, procuratorate.institutionId, reference))!;
}
