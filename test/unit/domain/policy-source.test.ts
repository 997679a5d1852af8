import { describe, expect, it } from 'vitest';
import { defaultDeadlinePolicies } from '../../../domain/default-deadline-policies.js';
import { handOffDeadlinePolicies } from '../../../domain/hand-off-deadline-policies.js';
import { policySourceZh } from '../../../domain/policy-source.js';

describe('a deadline policy’s source as people read it', () => {
  it('says 中心规定（非法律规定） for the centre’s own rules and keeps the citations', () => {
    expect(policySourceZh('centre policy (not law); cf. 司法部《人民调解工作若干规定》第35条')).toBe(
      '中心规定（非法律规定）；参见司法部《人民调解工作若干规定》第35条',
    );
    expect(policySourceZh('local policy (not law); 《刑事诉讼法》第172条')).toBe(
      '地方规定（非法律规定）；《刑事诉讼法》第172条',
    );
    expect(policySourceZh('《劳动争议调解仲裁法》第29条')).toBe('《劳动争议调解仲裁法》第29条');
  });

  it('leaves no English in any shipped policy’s source', () => {
    for (const policy of [...defaultDeadlinePolicies, ...handOffDeadlinePolicies])
      expect(policySourceZh(policy.source)).not.toMatch(/[A-Za-z]{2,}/);
  });
});
