/**
 * A legal aid application (法律援助申请) as it travels with a hand-off to the legal aid centre: who
 * applies, for what, and on which basis: economic difficulty (法律援助法 art 31, the standard set by
 * the province under art 34) or one of the cases exempt from it (art 32).
 */
export const legalAidBases = ['economic_difficulty', 'exempt'] as const;
export type LegalAidBasis = (typeof legalAidBases)[number];

/** 法律援助法 art 32: applications not limited by the economic-difficulty condition. */
export const legalAidExemptions = [
  'hero_martyr_relative',
  'good_samaritan',
  'retrial_acquittal_compensation',
  'abuse_or_domestic_violence_victim',
  'other_statutory',
] as const;
export type LegalAidExemption = (typeof legalAidExemptions)[number];

export const legalAidExemptionLabelsZh: Record<LegalAidExemption, string> = {
  hero_martyr_relative: '英雄烈士近亲属为维护英雄烈士的人格权益',
  good_samaritan: '因见义勇为行为主张相关民事权益',
  retrial_acquittal_compensation: '再审改判无罪请求国家赔偿',
  abuse_or_domestic_violence_victim: '遭受虐待、遗弃或者家庭暴力的受害人主张相关权益',
  other_statutory: '法律、法规、规章规定的其他情形',
};

export interface LegalAidApplication {
  /** The applicant: one of the case's parties, by name. */
  applicant: string;
  /** The matter legal aid is asked for (e.g. 请求支付劳动报酬, art 31 item 5). */
  matter: string;
  basis: LegalAidBasis;
  /** Required when the basis is `exempt`. */
  exemption?: LegalAidExemption;
}
