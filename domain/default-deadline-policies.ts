import { type DeadlinePolicy, defaultReminders } from './deadline-policy.js';
import { greenChannelDeadlinePolicies } from './green-channel-deadline-policies.js';
import { handOffDeadlinePolicies } from './hand-off-deadline-policies.js';

/**
 * The seed rows of the deadline policy table (a migration inserts them; admins edit them later).
 * Sources marked 'centre policy (not law)' are the centre's own service standards and configurable.
 */
const reminders = {
  daysBefore: [...defaultReminders.daysBefore],
  fractions: [...defaultReminders.fractions],
};

const centrePolicy = 'centre policy (not law)';
/** When the centre's own service standards are taken to have started; earlier cases are not expected. */
const centrePolicyFrom = '2020-01-01';

const specialMediationRules = '最高人民法院《关于人民法院特邀调解的规定》（法释〔2016〕14号）第11条、第27条';
const onlineMediationRules = '《人民法院在线调解规则》（法释〔2021〕23号）';
const filingAndMediationOpinion =
  '最高人民法院《关于严格依法规范民事案件立案与调解工作的意见》（2025年1月1日起施行）第3条';

function stagePolicy(key: 'stage.simple' | 'stage.general' | 'stage.complex', days: number, zh: string) {
  return {
    id: `${key}@${centrePolicyFrom}`,
    key,
    effectiveFrom: centrePolicyFrom,
    startEvent: 'triaged',
    direction: 'after',
    period: { unit: 'calendar_days', length: days },
    reminders,
    extension: { maxDays: 15, requiresConsent: false },
    rule: `A ${key.slice(6)} dispute is resolved within ${days} days of triage; a supervisor may extend it by up to 15 days.`,
    ruleZh: `${zh}纠纷自分级次日起${days}日内化解；经中心负责人批准可延长，累计不超过15日。`,
    source: `${centrePolicy}; cf. 司法部《人民调解工作若干规定》第35条（一般在一个月内调结）`,
  } as const satisfies DeadlinePolicy;
}

function entrustedPolicies(
  key: 'court.entrusted.ordinary' | 'court.entrusted.simple',
  days: number,
  procedureZh: string,
): DeadlinePolicy[] {
  const procedure = key === 'court.entrusted.ordinary' ? 'ordinary' : 'simple';
  return [
    {
      id: `${key}@2016-07-01`,
      key,
      effectiveFrom: '2016-07-01',
      effectiveTo: '2024-12-31',
      startEvent: 'materials_signed',
      direction: 'after',
      period: { unit: 'calendar_days', length: days },
      reminders,
      extension: { maxDays: null, requiresConsent: true },
      rule: `Mediation entrusted by a court after filing (${procedure} procedure): ${days} days from signing for the materials; both parties may agree to extend it without a cap; appraisal time is not counted.`,
      ruleZh: `委托调解（${procedureZh}）自签收材料次日起${days}日；双方当事人同意延长的，不受此限；鉴定期间不计入。`,
      source: `${specialMediationRules}；${onlineMediationRules}第24—26条`,
    },
    {
      id: `${key}@2025-01-01`,
      key,
      effectiveFrom: '2025-01-01',
      startEvent: 'materials_signed',
      direction: 'after',
      period: { unit: 'calendar_days', length: days },
      reminders,
      extension: { maxDays: 30, requiresConsent: true },
      rule: `Mediation entrusted by a court after filing (${procedure} procedure): ${days} days from signing for the materials; both parties may agree to extend it by up to 30 days; appraisal time is not counted.`,
      ruleZh: `委托调解（${procedureZh}）自签收材料次日起${days}日；双方当事人同意的，可延长不超过30日；鉴定期间不计入。`,
      source: `${filingAndMediationOpinion}；${specialMediationRules}`,
    },
  ];
}

export const defaultDeadlinePolicies: readonly DeadlinePolicy[] = [
  stagePolicy('stage.simple', 7, '简易'),
  stagePolicy('stage.general', 15, '一般'),
  stagePolicy('stage.complex', 30, '复杂'),
  {
    id: `follow_up@${centrePolicyFrom}`,
    key: 'follow_up',
    effectiveFrom: centrePolicyFrom,
    startEvent: 'settled',
    direction: 'after',
    period: { unit: 'calendar_days', length: 30 },
    reminders,
    rule: 'A settled case gets a follow-up visit within 30 days of the agreement: was it performed, were the parties satisfied.',
    ruleZh: '调解成功的案件自达成协议次日起30日内回访，了解协议履行情况和当事人满意度。',
    source: `${centrePolicy}; 《人民调解法》第31条（对调解协议的履行情况进行监督）`,
  },
  {
    id: 'court.acceptance@2022-01-01',
    key: 'court.acceptance',
    effectiveFrom: '2022-01-01',
    startEvent: 'referral_received',
    direction: 'after',
    period: { unit: 'working_days', length: 3 },
    reminders: { daysBefore: [1], fractions: [] },
    rule: 'The centre confirms whether it accepts a court referral within 3 working days, or the court reassigns it.',
    ruleZh: '收到法院推送的案件后3个工作日内确认是否接受，逾期法院可另行指派。',
    source: `${onlineMediationRules}第15条`,
  },
  {
    id: 'court.delegated@2016-07-01',
    key: 'court.delegated',
    effectiveFrom: '2016-07-01',
    startEvent: 'materials_signed',
    direction: 'after',
    period: { unit: 'calendar_days', length: 30 },
    reminders,
    extension: { maxDays: null, requiresConsent: true },
    rule: 'Mediation delegated by a court before filing: 30 days from signing for the materials; both parties may agree to extend it; appraisal time is not counted.',
    ruleZh: '委派调解自签收材料次日起30日；双方当事人同意延长的，不受此限；鉴定期间不计入。',
    source: `${specialMediationRules}；${onlineMediationRules}第24—26条`,
  },
  ...entrustedPolicies('court.entrusted.ordinary', 15, '普通程序'),
  ...entrustedPolicies('court.entrusted.simple', 7, '简易程序'),
  {
    id: 'court.confirmation_window@2022-01-01',
    key: 'court.confirmation_window',
    effectiveFrom: '2022-01-01',
    startEvent: 'agreement_effective',
    direction: 'after',
    period: { unit: 'calendar_days', length: 30 },
    reminders: { daysBefore: [7, 2], fractions: [] },
    rule: 'Both parties apply jointly for judicial confirmation within 30 days of the agreement taking effect.',
    ruleZh: '双方当事人应自调解协议生效之日起30日内共同向人民法院申请司法确认。',
    source: '《民事诉讼法》第205条（2023年修正；2021年修正文本第201条）',
  },
  {
    id: 'prosecution.review@2019-01-01',
    key: 'prosecution.review',
    effectiveFrom: '2019-01-01',
    startEvent: 'review_started',
    direction: 'after',
    period: { unit: 'months', length: 1 },
    reminders: { daysBefore: [], fractions: [] },
    extension: { maxDays: 15, requiresConsent: false },
    rule: "The prosecutor's review before prosecution takes 1 month, extendable by 15 days for major or complex cases; mediation time is not excluded from it.",
    ruleZh: '审查起诉期限为一个月，重大、复杂的案件可以延长十五日；调解期间不从中扣除。',
    source: '《刑事诉讼法》第172条',
  },
  {
    id: `prosecution.mediation@${centrePolicyFrom}`,
    key: 'prosecution.mediation',
    effectiveFrom: centrePolicyFrom,
    startEvent: 'materials_signed',
    direction: 'after',
    period: { unit: 'working_days', length: 10 },
    reminders,
    rule: "A minor criminal case referred by the procuratorate is mediated within 10 working days of signing for it, and in any case before the prosecutor's buffer.",
    ruleZh: '检察机关移送的轻微刑事案件自签收次日起10个工作日内调解完毕，且不得晚于为检察机关预留的期限。',
    source: `local policy (not law); 《刑事诉讼法》第288条、《人民检察院刑事诉讼规则》第495—503条`,
  },
  {
    id: `prosecution.buffer@${centrePolicyFrom}`,
    key: 'prosecution.buffer',
    effectiveFrom: centrePolicyFrom,
    startEvent: 'review_due',
    direction: 'before',
    period: { unit: 'working_days', length: 3 },
    reminders: { daysBefore: [], fractions: [] },
    rule: "The mediation of a prosecution referral ends at least 3 working days before the prosecutor's review period does, so that the prosecutor can act on it.",
    ruleZh: '检调对接案件的调解至迟于审查起诉期限届满前3个工作日结束，为检察机关留出办理时间。',
    source: 'local policy (not law); 《刑事诉讼法》第172条',
  },
  {
    id: 'police.second_round@2020-08-06',
    key: 'police.second_round',
    effectiveFrom: '2020-08-06',
    startEvent: 'first_session_held',
    direction: 'after',
    period: { unit: 'working_days', length: 7 },
    reminders: { daysBefore: [1], fractions: [] },
    rule: 'Police mediation is normally one session; a second round, when needed, is completed within 7 working days of the first.',
    ruleZh: '治安调解一般为一次；必要时再次调解的，应当在第一次调解后的七个工作日内完成。',
    source: '《公安机关办理行政案件程序规定》（2020年修正）第183条',
  },
  {
    id: `supervision.order@${centrePolicyFrom}`,
    key: 'supervision.order',
    effectiveFrom: centrePolicyFrom,
    startEvent: 'supervision_issued',
    direction: 'after',
    period: { unit: 'working_days', length: 3 },
    reminders: { daysBefore: [1], fractions: [] },
    rule: 'A supervision order (督办) is answered within 3 working days.',
    ruleZh: '督办事项应自下达次日起3个工作日内办理并反馈。',
    source: centrePolicy,
  },
  {
    id: `follow_up.decision@${centrePolicyFrom}`,
    key: 'follow_up.decision',
    effectiveFrom: centrePolicyFrom,
    startEvent: 'follow_up_unperformed',
    direction: 'after',
    period: { unit: 'working_days', length: 3 },
    reminders: { daysBefore: [1], fractions: [] },
    rule: 'When a follow-up visit finds the agreement not performed, the mediator decides within 3 working days what follows: remind, mediate again, judicial confirmation, enforcement or litigation.',
    ruleZh:
      '回访发现调解协议未履行的，承办调解员应自回访次日起3个工作日内决定处置方式：督促履行、再次调解、引导申请司法确认、申请强制执行或提起诉讼。',
    source: `${centrePolicy}; 《人民调解法》第31条、第32条，《民事诉讼法》第205条、第206条`,
  },
  ...handOffDeadlinePolicies,
  ...greenChannelDeadlinePolicies,
];
