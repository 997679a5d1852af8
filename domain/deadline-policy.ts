import { assertIsoDate, type IsoDate } from './dates.js';
import { type Period, periodUnits } from './periods.js';
import { Refusal } from './refusals.js';

/**
 * Deadline periods are data with effective dates, not constants: the law changed in 2025 and will change
 * again, and a case keeps the policy in force on the day it was referred. The seed rows are in
 * default-deadline-policies.ts; admins add new eras as new rows.
 */
export const deadlinePolicyKeys = [
  'stage.simple',
  'stage.general',
  'stage.complex',
  // 涉企绿色通道: the shorter handling periods of a case flagged for the green channel (centre policy).
  'stage.simple.green',
  'stage.general.green',
  'stage.complex.green',
  'follow_up',
  'court.acceptance',
  'court.delegated',
  'court.entrusted.ordinary',
  'court.entrusted.simple',
  'court.confirmation_window',
  'prosecution.review',
  'prosecution.mediation',
  'prosecution.buffer',
  'police.second_round',
  'supervision.order',
  'hand_off.acknowledgement',
  'hand_off.result',
  'hand_off.judicial_confirmation.ruling',
  'hand_off.filing.decision',
  'hand_off.labour_arbitration.acceptance',
  'hand_off.labour_arbitration.award',
  'hand_off.legal_aid.review',
  'hand_off.legal_aid.assignment',
  'follow_up.decision',
] as const;
export type DeadlinePolicyKey = (typeof deadlinePolicyKeys)[number];

/** The event that starts a policy's clock (its day is not counted). */
export const startEventKinds = [
  'triaged',
  'settled',
  'referral_received',
  'materials_signed',
  'agreement_effective',
  'review_started',
  'review_due',
  'first_session_held',
  'supervision_issued',
  'hand_off_sent',
  'hand_off_acknowledged',
  'follow_up_unperformed',
  'returned_to_mediation',
] as const;
export type StartEventKind = (typeof startEventKinds)[number];

export const startEventLabelsZh: Record<StartEventKind, string> = {
  triaged: '分级',
  settled: '达成调解协议',
  referral_received: '收到法院推送',
  materials_signed: '签收',
  agreement_effective: '调解协议生效',
  review_started: '检察机关受理审查起诉',
  review_due: '审查起诉期限届满',
  first_session_held: '第一次调解',
  supervision_issued: '下达督办',
  hand_off_sent: '移交送达',
  hand_off_acknowledged: '接收方受理',
  follow_up_unperformed: '回访发现协议未履行',
  returned_to_mediation: '退回调解',
};

export interface DeadlinePolicy {
  /** Stable row id, e.g. 'court.entrusted.ordinary@2025-01-01'. */
  id: string;
  key: DeadlinePolicyKey;
  /** First day the policy applies (to cases referred or started on or after it). */
  effectiveFrom: IsoDate;
  /** Last day it applies; open-ended when absent. */
  effectiveTo?: IsoDate | null;
  startEvent: StartEventKind;
  /**
   * 'after': the deadline is `period` after the start event. 'before': the period is a buffer counted
   * back from the start event (prosecution.buffer: working days left to the prosecutor).
   */
  direction: 'after' | 'before';
  period: Period;
  /** Reminder points: N calendar days before the due date, and fractions of the period elapsed. */
  reminders: { daysBefore: number[]; fractions: number[] };
  /** Absent: no extension. maxDays null: no cap. requiresConsent: both parties must agree (双方同意). */
  extension?: { maxDays: number | null; requiresConsent: boolean } | null;
  rule: string;
  ruleZh: string;
  /** Citation, or 'centre policy (not law)'. */
  source: string;
}

export const defaultReminders = { daysBefore: [2], fractions: [0.8] } as const;

function inForce(policy: DeadlinePolicy, onDate: IsoDate): boolean {
  return policy.effectiveFrom <= onDate && (policy.effectiveTo == null || onDate <= policy.effectiveTo);
}

/**
 * The policy for `key` in force on `onDate`: the latest effectiveFrom not after the date whose
 * effectiveTo (if any) is not before it. Throws `no_policy_in_force` when there is none and
 * `ambiguous_policy` when two rows start the same day.
 */
export function selectPolicy(
  policies: readonly DeadlinePolicy[],
  key: DeadlinePolicyKey,
  onDate: IsoDate,
): DeadlinePolicy {
  assertIsoDate(onDate, 'policy date');
  const candidates = policies
    .filter((policy) => policy.key === key && inForce(policy, onDate))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0));
  const [chosen, runnerUp] = candidates;
  if (chosen === undefined) {
    throw new Refusal('no_policy_in_force', {
      detail: `no deadline policy '${key}' is in force on ${onDate}`,
      reasonZh: `${onDate} 没有生效的期限规则“${key}”，请管理员补充`,
    });
  }
  if (runnerUp !== undefined && runnerUp.effectiveFrom === chosen.effectiveFrom) {
    throw new Refusal('ambiguous_policy', {
      detail: `deadline policies '${chosen.id}' and '${runnerUp.id}' both start on ${chosen.effectiveFrom}`,
      reasonZh: `期限规则“${key}”在 ${chosen.effectiveFrom} 有两条同时生效的记录`,
    });
  }
  return chosen;
}

/** Problems with a policy row (for the admin API); an empty list means it is usable. */
export function policyProblems(policy: DeadlinePolicy): string[] {
  const problems: string[] = [];
  const isInteger = (value: number, minimum: number) => Number.isSafeInteger(value) && value >= minimum;
  for (const [what, date] of [
    ['effectiveFrom', policy.effectiveFrom],
    ['effectiveTo', policy.effectiveTo],
  ] as const) {
    if (date != null) {
      try {
        assertIsoDate(date);
      } catch {
        problems.push(`${what} is not a date 'YYYY-MM-DD'`);
      }
    }
  }
  if (policy.effectiveTo != null && policy.effectiveTo < policy.effectiveFrom) {
    problems.push('effectiveTo is before effectiveFrom');
  }
  if (!periodUnits.includes(policy.period.unit)) problems.push(`unknown period unit '${policy.period.unit}'`);
  if (!isInteger(policy.period.length, 1)) problems.push('period length must be a positive integer');
  if (!policy.reminders.daysBefore.every((days) => isInteger(days, 1))) {
    problems.push('reminder daysBefore must be positive integers');
  }
  if (!policy.reminders.fractions.every((fraction) => fraction > 0 && fraction < 1)) {
    problems.push('reminder fractions must lie strictly between 0 and 1');
  }
  const maxDays = policy.extension?.maxDays;
  if (maxDays != null && !isInteger(maxDays, 1))
    problems.push('extension maxDays must be a positive integer');
  if (policy.direction === 'before' && policy.period.unit !== 'working_days') {
    problems.push("a 'before' (buffer) policy must count working days");
  }
  return problems;
}
