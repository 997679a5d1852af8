/**
 * A court's entrusted referral of a sales-contract dispute (郑伟 v. a building-materials company), as
 * the court's system posts it to /v1/court/referrals; `overrides` adds or replaces fields.
 */
export function courtReferralBody(reference: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'entrusted',
    procedure: 'ordinary',
    reference,
    referralDate: '2026-11-20',
    parties: [
      { kind: 'person', name: '郑伟', role: 'applicant', phone: '13700001111' },
      { kind: 'organisation', name: '呼伦贝尔某建材有限公司', role: 'respondent' },
    ],
    claimsSummary: '买卖合同纠纷：原告请求被告支付货款十万元',
    claimAmountFen: 10_000_000,
    materials: ['起诉状', '证据照片'],
    contact: { name: '王法官', role: '承办法官', phone: '0470-1234567' },
    ...overrides,
  };
}
