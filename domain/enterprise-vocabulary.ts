/**
 * The vocabularies of the enterprise registry (法治化营商环境服务): each a const array (for zod enums
 * and database checks), its union type and the one simplified-Chinese label table staff see.
 */

/** The five classes of market entity the centre tailors its services to (5类市场主体). */
export const marketEntityClasses = [
  'individual_business',
  'general_taxpayer',
  'small_micro_enterprise',
  'large_enterprise',
  'private_enterprise',
] as const;
export type MarketEntityClass = (typeof marketEntityClasses)[number];
export const marketEntityClassLabelsZh: Record<MarketEntityClass, string> = {
  individual_business: '个体商户',
  general_taxpayer: '一般纳税人',
  small_micro_enterprise: '中小微企业',
  large_enterprise: '大型企业',
  private_enterprise: '民营企业',
};

/** 所属行业, by the sections of GB/T 4754 that the centre's region has, merged where it has few. */
export const enterpriseIndustries = [
  'agriculture',
  'mining',
  'manufacturing',
  'energy_utilities',
  'construction',
  'wholesale_retail',
  'transport_logistics',
  'accommodation_catering',
  'information_technology',
  'finance',
  'real_estate',
  'business_services',
  'tourism_culture',
  'other',
] as const;
export type EnterpriseIndustry = (typeof enterpriseIndustries)[number];
export const enterpriseIndustryLabelsZh: Record<EnterpriseIndustry, string> = {
  agriculture: '农林牧渔业',
  mining: '采矿业',
  manufacturing: '制造业',
  energy_utilities: '电力、热力、燃气及水生产和供应业',
  construction: '建筑业',
  wholesale_retail: '批发和零售业',
  transport_logistics: '交通运输、仓储和邮政业',
  accommodation_catering: '住宿和餐饮业',
  information_technology: '信息传输、软件和信息技术服务业',
  finance: '金融业',
  real_estate: '房地产业',
  business_services: '租赁和商务服务业',
  tourism_culture: '文化、体育、旅游和娱乐业',
  other: '其他行业',
};

/** 企业规模 (工信部联企业〔2011〕300号 的划型). */
export const enterpriseSizes = ['micro', 'small', 'medium', 'large'] as const;
export type EnterpriseSize = (typeof enterpriseSizes)[number];
export const enterpriseSizeLabelsZh: Record<EnterpriseSize, string> = {
  micro: '微型',
  small: '小型',
  medium: '中型',
  large: '大型',
};
