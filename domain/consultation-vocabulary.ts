/**
 * The vocabularies of the consultation ledger (法律咨询台账): each a const array (for zod enums and
 * database checks), its union type and the one simplified-Chinese label table staff see.
 */
import type { CaseSource } from './vocabulary.js';

/** 咨询渠道: how the question reached the centre. */
export const consultationChannels = ['counter', 'hotline', 'online', 'wechat', 'on_site'] as const;
export type ConsultationChannel = (typeof consultationChannels)[number];
export const consultationChannelLabelsZh: Record<ConsultationChannel, string> = {
  counter: '窗口来访',
  hotline: '热线电话', // 12348 公共法律服务热线
  online: '网上咨询',
  wechat: '微信',
  on_site: '现场（巡回、进村入企）',
};

/** The channel a case registered from a consultation keeps (来源渠道): the person came in the same way. */
export const caseSourceOfChannel: Record<ConsultationChannel, CaseSource> = {
  counter: 'walk_in',
  hotline: 'hotline',
  online: 'online',
  wechat: 'wechat',
  on_site: 'walk_in',
};

/** 咨询事项类别. */
export const consultationTopics = [
  'marriage_family',
  'inheritance',
  'neighbour',
  'property_housing',
  'land',
  'labour_social_security',
  'contract',
  'lending',
  'consumer',
  'traffic_accident',
  'medical',
  'company_business',
  'criminal',
  'administrative',
  'other',
] as const;
export type ConsultationTopic = (typeof consultationTopics)[number];
export const consultationTopicLabelsZh: Record<ConsultationTopic, string> = {
  marriage_family: '婚姻家庭',
  inheritance: '继承',
  neighbour: '邻里关系',
  property_housing: '房产物业',
  land: '土地承包与征收',
  labour_social_security: '劳动与社会保障',
  contract: '合同',
  lending: '民间借贷',
  consumer: '消费维权',
  traffic_accident: '交通事故',
  medical: '医疗',
  company_business: '公司与企业经营',
  criminal: '刑事',
  administrative: '行政',
  other: '其他',
};

/** 引导去向: where the person was sent on, if anywhere. */
export const consultationReferrals = [
  'mediation',
  'legal_aid',
  'arbitration',
  'litigation',
  'notary',
  'department',
  'petition',
] as const;
export type ConsultationReferral = (typeof consultationReferrals)[number];
export const consultationReferralLabelsZh: Record<ConsultationReferral, string> = {
  mediation: '转入调解（登记为案件）',
  legal_aid: '申请法律援助',
  arbitration: '引导仲裁',
  litigation: '引导诉讼',
  notary: '引导公证',
  department: '移交有关部门',
  petition: '引导信访',
};
