import type { PoliceReferral } from '../../workflows/referral.messages.js';
import { assertCallbackUrlAllowed } from '../shared/callback-url.js';
import { assertReferralDateNotInFuture } from './check-referral-date.js';
import type { PoliceReferralInput } from './referral-inputs.js';
import {
  type RegisterReferralDependencies,
  registerInstitutionReferral,
} from './register-institution-referral.js';

/** A police station's public-order referral (警调对接): registered once per reference. */
export function registerPoliceReferral(
  deps: RegisterReferralDependencies,
  institutionId: string,
  body: PoliceReferralInput,
) {
  assertCallbackUrlAllowed(deps.outbound, body.callbackUrl);
  assertReferralDateNotInFuture(body.referralDate);
  return registerInstitutionReferral(deps, institutionId, {
    kind: 'police',
    reference: body.reference,
    body,
    build(caseNumber, receivedAt, institutionName, unitId) {
      const referral: PoliceReferral = {
        kind: 'police',
        institutionId,
        institutionName,
        reference: body.reference,
        caseType: 'public_order',
        facts: body.facts,
        incidentDate: body.incidentDate,
        officerContact: body.officerContact,
        referralDate: body.referralDate,
        receivedAt: receivedAt.toISOString(),
        callbackUrl: body.callbackUrl ?? null,
      };
      return {
        caseNumber,
        source: 'police',
        summary: `【警调对接】${body.facts.slice(0, 200)}`,
        unitId,
        parties: body.parties,
        registeredBy: { kind: 'institution', id: institutionId, role: 'police' },
        registeredAt: receivedAt.toISOString(),
        referral,
      };
    },
  });
}
