import { recordMediationConsentUpdate } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { type CaseResponse, toCaseResponse } from './case-response.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from './send-case-update.js';

/**
 * 登记调解意愿: the parties' application for or consent to mediation, recorded on a case registered
 * without it (a hotline call, a consultation turned into a case). The workflow records who and when;
 * recording the same names again changes nothing, so a double-submitted form is harmless.
 */
export async function recordMediationConsent(
  deps: CaseUpdateDependencies,
  principal: Principal,
  caseNumber: string,
  givenBy: string[],
): Promise<CaseResponse> {
  const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, recordMediationConsentUpdate, {
    givenBy,
  });
  return toCaseResponse(view, reach);
}
