import { describe, expect, it } from 'vitest';
import { selectPolicy } from '../../../domain/deadline-policy.js';
import { defaultDeadlinePolicies } from '../../../domain/default-deadline-policies.js';
import { enterpriseParty, stagePolicyKey } from '../../../domain/green-channel.js';
import { policySourceZh } from '../../../domain/policy-source.js';
import { triageClasses } from '../../../domain/vocabulary.js';

const dairy = '91110108551385082Q';

describe('which party is the enterprise (涉企绿色通道)', () => {
  it('finds the organisation whose credit code is the enterprise’s, as typed or normalised', () => {
    const parties = [
      { kind: 'person' as const, name: '巴特尔', idType: 'resident_id', idNumber: dairy },
      {
        kind: 'organisation' as const,
        name: '草原乳业',
        idType: 'unified_social_credit_code',
        idNumber: '9111 0108 5513 8508 2q',
      },
    ];
    expect(enterpriseParty(parties, dairy)?.name).toBe('草原乳业');
  });

  it('finds none for a person with the same number, another code, or a code under another ID type', () => {
    expect(enterpriseParty([{ kind: 'person', name: '巴特尔', idNumber: dairy }], dairy)).toBeUndefined();
    expect(
      enterpriseParty([{ kind: 'organisation', name: '麦香食品', idNumber: '91350100M000100Y43' }], dairy),
    ).toBeUndefined();
    expect(
      enterpriseParty([{ kind: 'organisation', name: '草原乳业', idType: 'other', idNumber: dairy }], dairy),
    ).toBeUndefined();
    expect(enterpriseParty([{ kind: 'organisation', name: '草原乳业' }], dairy)).toBeUndefined();
  });
});

describe('the green channel’s handling periods', () => {
  it('chooses the green policy of the triage class only for a flagged case', () => {
    expect(stagePolicyKey('general', false)).toBe('stage.general');
    expect(stagePolicyKey('general', true)).toBe('stage.general.green');
  });

  it('is shorter than the ordinary period for every class, and marked as the centre’s own rule', () => {
    for (const triageClass of triageClasses) {
      const ordinary = selectPolicy(
        defaultDeadlinePolicies,
        stagePolicyKey(triageClass, false),
        '2026-06-01',
      );
      const green = selectPolicy(defaultDeadlinePolicies, stagePolicyKey(triageClass, true), '2026-06-01');
      expect(green.period.unit).toBe(ordinary.period.unit);
      expect(green.period.length).toBeLessThan(ordinary.period.length);
      expect(green.startEvent).toBe('triaged');
      expect(policySourceZh(green.source)).toMatch(/^中心规定（非法律规定）/);
    }
    expect(
      triageClasses.map(
        (triageClass) =>
          selectPolicy(defaultDeadlinePolicies, `stage.${triageClass}.green`, '2026-06-01').period.length,
      ),
    ).toEqual([3, 7, 15]);
  });
});
