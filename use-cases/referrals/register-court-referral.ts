import type { Database } from '../../db/client.js';
import { loadPolicies } from '../../db/queries/deadline-reference.js';
import { selectPolicy } from '../../domain/deadline-policy.js';
import type { CourtReferral } from '../../workflows/referral.messages.js';
import { assertCallbackUrlAllowed } from '../shared/callback-url.js';
import { assertReferralDateNotInFuture, namingReferralDate } from './check-referral-date.js';
import type { CourtReferralInput } from './referral-inputs.js';
import {
  type RegisterReferralDependencies,
  registerInstitutionReferral,
} from './register-institution-referral.js';

/**
 * The court's periods are the policies in force on the referral date (workflows/court-referral.ts): a
 * date no policy covers is refused here (422 no_policy_in_force) rather than failing the case's
 * workflow after the referral is stored.
 */
async function assertCourtPoliciesInForce(db: Database, body: CourtReferralInput): Promise<void> {
  const policies = await loadPolicies(db);
  const period =
    body.type === 'delegated'
      ? 'court.delegated'
      : body.procedure === 'simple'
        ? 'court.entrusted.simple'
        : 'court.entrusted.ordinary';
  for (const key of ['court.acceptance', period] as const) selectPolicy(policies, key, body.referralDate);
}

/** A court's referral (诉调对接). */
export async function registerReferral(
  deps: RegisterReferralDependencies,
  institutionId: string,
  body: CourtReferralInput,
) {
  assertCallbackUrlAllowed(deps.outbound, body.callbackUrl);
  assertReferralDateNotInFuture(body.referralDate);
  await namingReferralDate(() => assertCourtPoliciesInForce(deps.db, body));
  return registerInstitutionReferral(deps, institutionId, {
    kind: 'court',
    reference: body.reference,
    body,
    build(caseNumber, receivedAt, institutionName, unitId) {
      const referral: CourtReferral = {
        kind: 'court',
        institutionId,
        institutionName,
        reference: body.reference,
        type: body.type,
        procedure: body.procedure ?? null,
        referralDate: body.referralDate,
        receivedAt: receivedAt.toISOString(),
        claimsSummary: body.claimsSummary,
        claimAmountFen: body.claimAmountFen,
        materials: body.materials,
        contact: body.contact,
        callbackUrl: body.callbackUrl ?? null,
      };
      return {
        caseNumber,
        source: 'court',
        summary: `【${body.type === 'delegated' ? '委派调解' : '委托调解'}】${body.claimsSummary}`,
        unitId,
        parties: body.parties,
        registeredBy: { kind: 'institution', id: institutionId, role: 'court' },
        registeredAt: receivedAt.toISOString(),
        referral,
      };
    },
  });
}
