import { describe, expect, it } from 'vitest';
import {
  type DeadlinePolicy,
  deadlinePolicyKeys,
  policyProblems,
  selectPolicy,
} from '../../../domain/deadline-policy.js';
import { defaultDeadlinePolicies } from '../../../domain/default-deadline-policies.js';
import { checkExtension } from '../../../domain/extensions.js';
import { Refusal } from '../../../domain/refusals.js';

const policies = defaultDeadlinePolicies;

describe('selecting the policy in force', () => {
  it('applies the uncapped extension to a court entrustment signed on 2024-12-31', () => {
    const policy = selectPolicy(policies, 'court.entrusted.ordinary', '2024-12-31');
    expect(policy.period).toEqual({ unit: 'calendar_days', length: 15 });
    expect(policy.extension).toEqual({ maxDays: null, requiresConsent: true });
  });

  it('caps the extension at 30 days from 2025-01-01 (最高法 2025 意见)', () => {
    const policy = selectPolicy(policies, 'court.entrusted.ordinary', '2025-01-01');
    expect(policy.period).toEqual({ unit: 'calendar_days', length: 15 });
    expect(policy.extension).toEqual({ maxDays: 30, requiresConsent: true });
    expect(selectPolicy(policies, 'court.entrusted.simple', '2025-01-01').extension?.maxDays).toBe(30);
    expect(selectPolicy(policies, 'court.entrusted.simple', '2024-12-31').extension?.maxDays).toBeNull();
  });

  it('fails clearly when no policy is in force', () => {
    const select = () => selectPolicy(policies, 'court.entrusted.ordinary', '2016-06-30');
    expect(select).toThrow(Refusal);
    expect(select).toThrow("no deadline policy 'court.entrusted.ordinary' is in force on 2016-06-30");
  });

  it('takes the latest effectiveFrom and honours effectiveTo inclusively', () => {
    const base = selectPolicy(policies, 'stage.general', '2026-01-01');
    const era = (
      id: string,
      effectiveFrom: string,
      effectiveTo: string | null,
      length: number,
    ): DeadlinePolicy => ({
      ...base,
      id,
      effectiveFrom,
      effectiveTo,
      period: { unit: 'calendar_days', length },
    });
    const table = [era('a', '2020-01-01', null, 15), era('b', '2026-03-01', '2026-03-31', 10)];
    expect(selectPolicy(table, 'stage.general', '2026-02-28').id).toBe('a');
    expect(selectPolicy(table, 'stage.general', '2026-03-01').id).toBe('b');
    expect(selectPolicy(table, 'stage.general', '2026-03-31').id).toBe('b');
    expect(selectPolicy(table, 'stage.general', '2026-04-01').id).toBe('a');
    const clash = [...table, era('c', '2026-03-01', null, 12)];
    expect(() => selectPolicy(clash, 'stage.general', '2026-03-15')).toThrow(/both start on 2026-03-01/);
  });
});

describe('the default policies', () => {
  it('has a valid row in force today-ish for every key', () => {
    for (const key of deadlinePolicyKeys) {
      const policy = selectPolicy(policies, key, '2026-06-01');
      expect(policyProblems(policy), policy.id).toEqual([]);
    }
    for (const policy of policies) expect(policyProblems(policy), policy.id).toEqual([]);
    expect(new Set(policies.map((policy) => policy.id)).size).toBe(policies.length);
  });

  it('holds the periods the design and the sources give', () => {
    const period = (key: (typeof deadlinePolicyKeys)[number]) =>
      selectPolicy(policies, key, '2026-06-01').period;
    expect(period('stage.simple')).toEqual({ unit: 'calendar_days', length: 7 });
    expect(period('stage.general')).toEqual({ unit: 'calendar_days', length: 15 });
    expect(period('stage.complex')).toEqual({ unit: 'calendar_days', length: 30 });
    expect(period('court.acceptance')).toEqual({ unit: 'working_days', length: 3 });
    expect(period('court.delegated')).toEqual({ unit: 'calendar_days', length: 30 });
    expect(period('court.entrusted.simple')).toEqual({ unit: 'calendar_days', length: 7 });
    expect(period('court.confirmation_window')).toEqual({ unit: 'calendar_days', length: 30 });
    expect(period('prosecution.review')).toEqual({ unit: 'months', length: 1 });
    expect(period('prosecution.mediation')).toEqual({ unit: 'working_days', length: 10 });
    expect(period('prosecution.buffer')).toEqual({ unit: 'working_days', length: 3 });
    expect(period('police.second_round')).toEqual({ unit: 'working_days', length: 7 });
    // hand-offs (联动): the statute binding the receiving body, or the centre's own standard
    expect(period('hand_off.acknowledgement')).toEqual({ unit: 'working_days', length: 3 });
    expect(period('hand_off.result')).toEqual({ unit: 'calendar_days', length: 30 });
    expect(period('hand_off.judicial_confirmation.ruling')).toEqual({ unit: 'calendar_days', length: 30 });
    expect(period('hand_off.filing.decision')).toEqual({ unit: 'calendar_days', length: 7 });
    expect(period('hand_off.labour_arbitration.acceptance')).toEqual({ unit: 'calendar_days', length: 5 });
    expect(period('hand_off.labour_arbitration.award')).toEqual({ unit: 'calendar_days', length: 45 });
    expect(period('hand_off.legal_aid.review')).toEqual({ unit: 'calendar_days', length: 7 });
    expect(period('hand_off.legal_aid.assignment')).toEqual({ unit: 'calendar_days', length: 3 });
  });

  it('cites the statute of each hand-off deadline, or marks it as the centre’s own standard', () => {
    const source = (key: (typeof deadlinePolicyKeys)[number]) =>
      selectPolicy(policies, key, '2026-06-01').source;
    expect(source('hand_off.acknowledgement')).toMatch(/^centre policy \(not law\)/);
    expect(source('hand_off.result')).toMatch(/^centre policy \(not law\)/);
    expect(source('hand_off.judicial_confirmation.ruling')).toContain('第187条');
    expect(source('hand_off.filing.decision')).toContain('《民事诉讼法》（2023年修正）第126条');
    expect(source('hand_off.labour_arbitration.acceptance')).toContain('《劳动争议调解仲裁法》第29条');
    expect(source('hand_off.labour_arbitration.award')).toContain('《劳动争议调解仲裁法》第43条');
    expect(source('hand_off.legal_aid.review')).toContain('《法律援助法》');
    expect(source('hand_off.legal_aid.review')).toContain('第43条');
  });

  it('reminds 2 days before and at 80% of the period by default', () => {
    expect(selectPolicy(policies, 'stage.general', '2026-06-01').reminders).toEqual({
      daysBefore: [2],
      fractions: [0.8],
    });
  });

  it('marks centre policies as not law', () => {
    expect(selectPolicy(policies, 'stage.simple', '2026-06-01').source).toMatch(/^centre policy \(not law\)/);
    expect(selectPolicy(policies, 'court.confirmation_window', '2026-06-01').source).toContain('第205条');
  });

  it('reports problems with a bad row', () => {
    const good = selectPolicy(policies, 'stage.general', '2026-06-01');
    const bad: DeadlinePolicy = {
      ...good,
      effectiveFrom: '2026-05-01',
      effectiveTo: '2026-04-01',
      period: { unit: 'calendar_days', length: 0 },
      reminders: { daysBefore: [0], fractions: [1.2] },
    };
    expect(policyProblems(bad)).toEqual([
      'effectiveTo is before effectiveFrom',
      'period length must be a positive integer',
      'reminder daysBefore must be positive integers',
      'reminder fractions must lie strictly between 0 and 1',
    ]);
  });
});

describe('extension requests', () => {
  const capped = selectPolicy(policies, 'court.entrusted.ordinary', '2025-01-01');
  const uncapped = selectPolicy(policies, 'court.entrusted.ordinary', '2024-12-31');

  it('needs both parties to agree for a court entrustment', () => {
    expect(
      checkExtension(capped, { grantedDays: 0, requestedDays: 10, partiesConsent: false }),
    ).toMatchObject({
      ok: false,
      code: 'consent_required',
    });
  });

  it('allows up to 30 days in all since 2025', () => {
    expect(checkExtension(capped, { grantedDays: 20, requestedDays: 10, partiesConsent: true })).toEqual({
      ok: true,
      remainingDays: 0,
    });
    expect(
      checkExtension(capped, { grantedDays: 20, requestedDays: 11, partiesConsent: true }),
    ).toMatchObject({
      ok: false,
      code: 'extension_cap_exceeded',
      remainingDays: 10,
      reasonZh: '累计延长不得超过30日，尚可延长10日',
    });
  });

  it('has no cap before 2025', () => {
    expect(checkExtension(uncapped, { grantedDays: 60, requestedDays: 60, partiesConsent: true })).toEqual({
      ok: true,
      remainingDays: null,
    });
  });

  it('refuses deadlines that cannot be extended and nonsense lengths', () => {
    const acceptance = selectPolicy(policies, 'court.acceptance', '2026-06-01');
    expect(
      checkExtension(acceptance, { grantedDays: 0, requestedDays: 1, partiesConsent: true }),
    ).toMatchObject({
      code: 'extension_not_allowed',
    });
    expect(checkExtension(capped, { grantedDays: 0, requestedDays: 0, partiesConsent: true })).toMatchObject({
      code: 'invalid_extension_days',
    });
  });
});
