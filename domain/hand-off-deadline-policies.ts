import type { DeadlinePolicy } from './deadline-policy.js';

/**
 * The deadlines of hand-offs (联动): each step a partner body owes the centre, from the statute that
 * binds that body where there is one, or else the centre's own service standard (a chase, not a duty of
 * the body). The centre reminds and escalates on them like on its own deadlines.
 */
const centrePolicy = 'centre policy (not law)';
const centrePolicyFrom = '2020-01-01';
const chase = { daysBefore: [1], fractions: [] };

export const handOffDeadlinePolicies: readonly DeadlinePolicy[] = [
  {
    id: `hand_off.acknowledgement@${centrePolicyFrom}`,
    key: 'hand_off.acknowledgement',
    effectiveFrom: centrePolicyFrom,
    startEvent: 'hand_off_sent',
    direction: 'after',
    period: { unit: 'working_days', length: 3 },
    reminders: chase,
    rule: 'A partner body acknowledges a hand-off (accepts or declines it) within 3 working days; after that the centre chases it.',
    ruleZh: '联动单位应自移交送达次日起3个工作日内回复是否接收；逾期由中心催办。',
    source: `${centrePolicy}; 联动协作协议`,
  },
  {
    id: `hand_off.result@${centrePolicyFrom}`,
    key: 'hand_off.result',
    effectiveFrom: centrePolicyFrom,
    startEvent: 'hand_off_acknowledged',
    direction: 'after',
    period: { unit: 'calendar_days', length: 30 },
    reminders: { daysBefore: [3], fractions: [] },
    rule: 'A partner body reports the result of a hand-off it accepted within 30 days; after that the centre chases it.',
    ruleZh: '联动单位接收移交后30日内反馈办理结果；逾期由中心催办。',
    source: `${centrePolicy}; 联动协作协议`,
  },
  {
    id: 'hand_off.judicial_confirmation.ruling@2024-01-01',
    key: 'hand_off.judicial_confirmation.ruling',
    effectiveFrom: '2024-01-01',
    startEvent: 'hand_off_acknowledged',
    direction: 'after',
    period: { unit: 'calendar_days', length: 30 },
    reminders: { daysBefore: [5], fractions: [] },
    rule: 'Judicial confirmation is a special procedure: the court concludes it within 30 days of accepting the application (extension only with the president’s approval).',
    ruleZh:
      '司法确认适用特别程序，人民法院应当自立案之日起30日内审结；有特殊情况需要延长的，由本院院长批准。',
    source: '《民事诉讼法》（2023年修正）第187条、第205条、第206条',
  },
  {
    id: 'hand_off.filing.decision@2024-01-01',
    key: 'hand_off.filing.decision',
    effectiveFrom: '2024-01-01',
    startEvent: 'hand_off_acknowledged',
    direction: 'after',
    period: { unit: 'calendar_days', length: 7 },
    reminders: { daysBefore: [2], fractions: [] },
    rule: 'The court files a complaint that meets the conditions within 7 days of receiving it, or rules within 7 days not to accept it.',
    ruleZh:
      '人民法院对符合起诉条件的，应当在七日内立案；不符合起诉条件的，应当在七日内作出裁定书，不予受理。',
    source: '《民事诉讼法》（2023年修正）第126条',
  },
  {
    id: 'hand_off.labour_arbitration.acceptance@2008-05-01',
    key: 'hand_off.labour_arbitration.acceptance',
    effectiveFrom: '2008-05-01',
    startEvent: 'hand_off_sent',
    direction: 'after',
    period: { unit: 'calendar_days', length: 5 },
    reminders: { daysBefore: [1], fractions: [] },
    rule: 'The labour dispute arbitration commission decides within 5 days of receiving the application whether to accept it.',
    ruleZh:
      '劳动争议仲裁委员会收到仲裁申请之日起五日内，认为符合受理条件的，应当受理；不符合受理条件的，应当书面通知申请人不予受理，并说明理由。',
    source: '《劳动争议调解仲裁法》第29条',
  },
  {
    id: 'hand_off.labour_arbitration.award@2008-05-01',
    key: 'hand_off.labour_arbitration.award',
    effectiveFrom: '2008-05-01',
    startEvent: 'hand_off_acknowledged',
    direction: 'after',
    period: { unit: 'calendar_days', length: 45 },
    reminders: { daysBefore: [7], fractions: [] },
    extension: { maxDays: 15, requiresConsent: false },
    rule: 'The arbitral tribunal concludes a labour dispute within 45 days of acceptance; the commission’s director may extend it by up to 15 days for a complex case.',
    ruleZh:
      '仲裁庭裁决劳动争议案件，应当自劳动争议仲裁委员会受理仲裁申请之日起四十五日内结束；案情复杂需要延期的，经劳动争议仲裁委员会主任批准，可以延期，延长期限不得超过十五日。',
    source: '《劳动争议调解仲裁法》第43条',
  },
  {
    id: 'hand_off.legal_aid.review@2022-01-01',
    key: 'hand_off.legal_aid.review',
    effectiveFrom: '2022-01-01',
    startEvent: 'hand_off_sent',
    direction: 'after',
    period: { unit: 'calendar_days', length: 7 },
    reminders: { daysBefore: [2], fractions: [] },
    rule: 'The legal aid institution reviews an application within 7 days of receiving it and decides whether to grant legal aid; a refusal is in writing with reasons.',
    ruleZh:
      '法律援助机构应当自收到法律援助申请之日起七日内进行审查，作出是否给予法律援助的决定；决定不给予法律援助的，应当书面告知申请人，并说明理由。',
    source: '《法律援助法》（2022年1月1日起施行）第43条；申请人有异议的，依第49条向司法行政部门提出',
  },
  {
    id: 'hand_off.legal_aid.assignment@2022-01-01',
    key: 'hand_off.legal_aid.assignment',
    effectiveFrom: '2022-01-01',
    startEvent: 'hand_off_acknowledged',
    direction: 'after',
    period: { unit: 'calendar_days', length: 3 },
    reminders: { daysBefore: [1], fractions: [] },
    rule: 'Once legal aid is granted, the institution assigns the legal aid worker within 3 days of the decision.',
    ruleZh: '决定给予法律援助的，应当自作出决定之日起三日内指派法律援助人员为受援人提供法律援助。',
    source: '《法律援助法》（2022年1月1日起施行）第43条',
  },
];
