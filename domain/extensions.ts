import type { DeadlinePolicy } from './deadline-policy.js';
import { periodUnitLabelsZh } from './periods.js';

/**
 * Whether a deadline may be extended by `requestedDays` more, under its policy. Used by the
 * requestExtension/decideExtension validators before the workflow moves its timer.
 */
interface ExtensionRequest {
  /** Days already granted on this deadline. */
  grantedDays: number;
  requestedDays: number;
  /** Both parties agreed (双方当事人同意), where the policy requires it. */
  partiesConsent: boolean;
}

type ExtensionCheck =
  | { ok: true; remainingDays: number | null }
  | {
      ok: false;
      code:
        | 'extension_not_allowed'
        | 'extension_cap_exceeded'
        | 'consent_required'
        | 'invalid_extension_days';
      reason: string;
      reasonZh: string;
      /** Days still available under the cap (null: no cap). */
      remainingDays: number | null;
    };

export function checkExtension(policy: DeadlinePolicy, request: ExtensionRequest): ExtensionCheck {
  const extension = policy.extension;
  if (extension == null) {
    return {
      ok: false,
      code: 'extension_not_allowed',
      reason: `the deadline '${policy.key}' cannot be extended`,
      reasonZh: '该期限不得延长',
      remainingDays: 0,
    };
  }
  const remainingDays =
    extension.maxDays === null ? null : Math.max(0, extension.maxDays - request.grantedDays);
  if (!Number.isSafeInteger(request.requestedDays) || request.requestedDays < 1) {
    return {
      ok: false,
      code: 'invalid_extension_days',
      reason: 'an extension is a positive whole number of days',
      reasonZh: '延长天数应为正整数',
      remainingDays,
    };
  }
  if (extension.requiresConsent && !request.partiesConsent) {
    return {
      ok: false,
      code: 'consent_required',
      reason: 'this deadline is extended only when both parties agree',
      reasonZh: '延长该期限须经双方当事人同意',
      remainingDays,
    };
  }
  if (remainingDays !== null && request.requestedDays > remainingDays) {
    const unitZh = policy.period.unit === 'working_days' ? periodUnitLabelsZh.working_days : '日';
    return {
      ok: false,
      code: 'extension_cap_exceeded',
      reason: `at most ${extension.maxDays} days in all may be added; ${remainingDays} remain`,
      reasonZh: `累计延长不得超过${extension.maxDays}${unitZh}，尚可延长${remainingDays}${unitZh}`,
      remainingDays,
    };
  }
  return { ok: true, remainingDays: remainingDays === null ? null : remainingDays - request.requestedDays };
}
