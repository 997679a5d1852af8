import { describe, expect, it } from 'vitest';
import { maskedMobile, mobileNumberOf } from '../../../domain/mobile-phone.js';
import { publicCaseStatus } from '../../../domain/public-case-status.js';

describe('a mobile number as the public channel keys a citizen by', () => {
  it('reads 11 digits typed with spaces, dashes or +86, and nothing else', () => {
    expect(mobileNumberOf('138 0013 8000')).toBe('13800138000');
    expect(mobileNumberOf('+86 138-0013-8000')).toBe('13800138000');
    expect(mobileNumberOf('008613800138000')).toBe('13800138000');
    for (const typed of ['12800138000', '1380013800', '138001380001', '0470-8221234', '一三八', ''])
      expect(mobileNumberOf(typed), typed).toBeUndefined();
  });

  it('shows only the first three and last four digits', () => {
    expect(maskedMobile('13800138000')).toBe('138****8000');
    expect(maskedMobile('123')).toBe('****');
  });
});

describe('a case’s stage in the words a party reads', () => {
  it('says where the dispute stands without internal terms', () => {
    expect(publicCaseStatus('intake', null).label).toBe('已提交，待受理');
    expect(publicCaseStatus('divert', null).label).toBe('已受理');
    expect(publicCaseStatus('resolve', null).label).toBe('调解中');
    expect(publicCaseStatus('link', 'settled_written').label).toBe('已达成协议');
    expect(publicCaseStatus('link', 'failed').label).toBe('调解未成功');
    expect(publicCaseStatus('dispose', 'settled_oral').label).toBe('已结案（已达成协议）');
    expect(publicCaseStatus('archived', 'withdrawn').label).toBe('已结案（已撤回申请）');
    for (const stage of ['intake', 'divert', 'resolve', 'link', 'dispose', 'archived'])
      expect(publicCaseStatus(stage, null).label).not.toMatch(/分流|联动|化解|处置/);
  });

  it('opens the rating once the mediation is over, but not for a rejected application', () => {
    expect(publicCaseStatus('resolve', null).concluded).toBe(false);
    expect(publicCaseStatus('link', 'failed').concluded).toBe(true);
    expect(publicCaseStatus('link', 'rejected')).toMatchObject({ label: '不予受理', concluded: false });
    expect(publicCaseStatus('dispose', 'rejected').concluded).toBe(false);
    expect(publicCaseStatus('dispose', 'failed').concluded).toBe(true);
  });
});
