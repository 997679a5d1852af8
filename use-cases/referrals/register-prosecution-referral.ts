import { loadCalendar, loadPolicies } from '../../db/queries/deadline-reference.js';
import { chinaDateOf } from '../../domain/dates.js';
import { planProsecutionDeadline } from '../../domain/plan-deadline.js';
import { checkProsecutionEligibility } from '../../domain/prosecution-eligibility.js';
import { Refusal } from '../../domain/refusals.js';
import type { ProsecutionReferral } from '../../workflows/referral.messages.js';
import { assertCallbackUrlAllowed } from '../shared/callback-url.js';
import { assertReferralDateNotInFuture } from './check-referral-date.js';
import type { ProsecutionReferralInput } from './referral-inputs.js';
import {
  type RegisterReferralDependencies,
  registerInstitutionReferral,
} from './register-institution-referral.js';

/**
 * A procuratorate's referral: refused with 422 naming every failed condition of 刑事诉讼法 art 288, or
 * when the prosecutor's deadline leaves no time to mediate; otherwise registered once per reference.
 */
export async function registerProsecutionReferral(
  deps: RegisterReferralDependencies,
  institutionId: string,
  body: ProsecutionReferralInput,
) {
  assertCallbackUrlAllowed(deps.outbound, body.callbackUrl);
  assertReferralDateNotInFuture(body.referralDate);
  const failed = checkProsecutionEligibility(body.eligibility);
  if (failed.length > 0) {
    throw new Refusal('not_eligible', {
      detail: failed.map((f) => f.reason).join('; '),
      errors: failed.map((f) => ({
        field: f.field,
        reason: f.reason,
        reasonZh: f.reasonZh,
        condition: f.condition,
      })),
    });
  }
  const [policies, calendar] = await Promise.all([loadPolicies(deps.db), loadCalendar(deps.db)]);
  const planned = planProsecutionDeadline(policies, calendar, {
    signedAt: new Date().toISOString(),
    prosecutorDueDate: body.reviewDueOn,
  });
  const explanation = planned.explanation as typeof planned.explanation & {
    noTimeLeft?: boolean;
    latestMediationDate?: string;
  };
  if (explanation.noTimeLeft) {
    throw new Refusal('no_time_left', {
      detail: `reviewDueOn: with the prosecutor's buffer, mediation would have to end by ${explanation.latestMediationDate}`,
      errors: [{ field: 'reviewDueOn', reason: 'leaves no time to mediate before the prosecutor must act' }],
    });
  }
  return registerInstitutionReferral(deps, institutionId, {
    kind: 'prosecution',
    reference: body.reference,
    body,
    build(caseNumber, receivedAt, institutionName, unitId) {
      const referral: ProsecutionReferral = {
        kind: 'prosecution',
        institutionId,
        institutionName,
        reference: body.reference,
        offence: body.offence,
        statuteArticle: body.statuteArticle,
        facts: body.facts,
        prosecutorContact: body.prosecutorContact,
        reviewStartedOn: body.reviewStartedOn,
        reviewDueOn: body.reviewDueOn,
        eligibility: body.eligibility,
        performanceBeforeDecision: body.performanceBeforeDecision,
        referralDate: body.referralDate ?? chinaDateOf(receivedAt.getTime()),
        receivedAt: receivedAt.toISOString(),
        callbackUrl: body.callbackUrl ?? null,
      };
      return {
        caseNumber,
        source: 'procuratorate',
        summary: `【检调对接】${body.offence}：${body.facts.slice(0, 200)}`,
        unitId,
        parties: [
          ...body.victims.map((party) => ({ ...party, role: 'applicant' as const })),
          ...body.suspects.map((party) => ({ ...party, role: 'respondent' as const })),
        ],
        registeredBy: { kind: 'institution', id: institutionId, role: 'procuratorate' },
        registeredAt: receivedAt.toISOString(),
        referral,
      };
    },
  });
}
