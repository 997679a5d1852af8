/**
 * Mediation is voluntary (人民调解法 art 3, 17). These referrers pass a case on only with the parties'
 * agreement, obtained there: a court's 委派/委托调解, a procuratorate's 检调对接 and a police station's
 * 警调对接 (治安调解 is by agreement too, 治安管理处罚法 art 9). Every other case needs the parties'
 * application or consent recorded at the centre. Keyed by referral kind, with who obtained it.
 */
export const consentObtainedByZh = {
  court: '法院',
  prosecution: '检察院',
  police: '公安派出所',
} as const;

/** Whether a referral of this kind arrives with the parties' consent to mediation. */
export function referralCarriesConsent(kind: string | undefined): kind is keyof typeof consentObtainedByZh {
  return kind !== undefined && Object.hasOwn(consentObtainedByZh, kind);
}
