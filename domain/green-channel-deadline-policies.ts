import { type DeadlinePolicy, defaultReminders } from './deadline-policy.js';

/**
 * 涉企绿色通道: a dispute with a registered enterprise among its parties, flagged for the green channel,
 * is handled within shorter periods than the centre's ordinary service standards (7 / 15 / 30 days).
 * These are the centre's own commitments to the business environment (优化法治化营商环境), not law:
 * versioned rows like every deadline policy, seeded by migration, changed by admins as new eras.
 */
const centrePolicy = 'centre policy (not law)';
/** The green channel's first era: the day this release introduced it. */
export const greenChannelPolicyFrom = '2026-01-01';

const periods = [
  { key: 'stage.simple.green', days: 3, en: 'simple', zh: '简易' },
  { key: 'stage.general.green', days: 7, en: 'general', zh: '一般' },
  { key: 'stage.complex.green', days: 15, en: 'complex', zh: '复杂' },
] as const;

export const greenChannelDeadlinePolicies: readonly DeadlinePolicy[] = periods.map(
  ({ key, days, en, zh }) => ({
    id: `${key}@${greenChannelPolicyFrom}`,
    key,
    effectiveFrom: greenChannelPolicyFrom,
    startEvent: 'triaged',
    direction: 'after',
    period: { unit: 'calendar_days', length: days },
    reminders: { daysBefore: [1], fractions: [...defaultReminders.fractions] },
    extension: { maxDays: 15, requiresConsent: false },
    rule: `Green channel for enterprises: a ${en} dispute involving a registered enterprise is resolved within ${days} days of triage; a supervisor may extend it by up to 15 days.`,
    ruleZh: `涉企绿色通道：有已登记企业作为当事人的${zh}纠纷，自分级次日起${days}日内化解；经中心负责人批准可延长，累计不超过15日。`,
    source: `${centrePolicy}; 涉企绿色通道服务承诺`,
  }),
);
