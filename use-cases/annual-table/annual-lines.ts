import type { AnnualSource } from './annual-source.js';
import { casesSource } from './cases-source.js';
import { conferencesSource } from './conferences-source.js';
import { consultationsSource } from './consultations-source.js';
import { enterpriseServicesSource } from './enterprise-services-source.js';
import { gridLeadsSource } from './grid-leads-source.js';

/** 服务类别: the centre's services, in the order the annual table lists them. */
export const annualServices = [
  'people',
  'mediation',
  'court',
  'prosecution',
  'online',
  'consultation',
  'legal_aid',
  'grid',
  'conference',
  'enterprise',
] as const;
export type AnnualService = (typeof annualServices)[number];
export const annualServiceLabelsZh: Record<AnnualService, string> = {
  people: '服务群众',
  mediation: '矛盾纠纷化解',
  court: '诉调对接',
  prosecution: '检调对接',
  online: '网上调解',
  consultation: '法律咨询',
  legal_aid: '法律援助',
  grid: '网格排查',
  conference: '案件研判',
  enterprise: '法治化营商环境服务',
};

/**
 * One line of the centre's annual table (the seed's figures: 服务群众 10,599 人, 调解成功 5,125 件 …).
 * `source` null: nothing in this system records it yet; the line shows 0 and 「尚无数据来源」. To hook
 * one up, write an AnnualSource (one query over its table) and name it and its measure here.
 */
export interface AnnualLine {
  key: string;
  service: AnnualService;
  labelZh: string;
  /** 计量单位. */
  measureUnitZh: string;
  /** 统计口径: how the figure is counted, for the reader of the table. */
  howCountedZh: string;
  source: { source: AnnualSource; measure: string } | null;
  /** The measure is money in fen, shown in yuan. */
  money?: true;
}

const cases = (measure: string) => ({ source: casesSource, measure });
const consultations = (measure: string) => ({ source: consultationsSource, measure });
const enterpriseServices = (measure: string) => ({ source: enterpriseServicesSource, measure });

export const annualLines: readonly AnnualLine[] = [
  {
    key: 'peopleServed',
    service: 'people',
    labelZh: '服务群众',
    measureUnitZh: '人',
    howCountedZh: '期内登记受理案件的当事人人数之和',
    source: cases('peopleServed'),
  },
  {
    key: 'received',
    service: 'mediation',
    labelZh: '受理矛盾纠纷',
    measureUnitZh: '件',
    howCountedZh: '期内登记受理的案件（含历史台账导入）',
    source: cases('received'),
  },
  {
    key: 'settled',
    service: 'mediation',
    labelZh: '调解成功',
    measureUnitZh: '件',
    howCountedZh: '期内受理的案件中以书面或口头协议调解成功的',
    source: cases('settled'),
  },
  {
    key: 'amountSettled',
    service: 'mediation',
    labelZh: '涉及金额',
    measureUnitZh: '元',
    howCountedZh: '调解成功案件的协议金额之和',
    source: cases('amountSettledFen'),
    money: true,
  },
  {
    key: 'courtReceived',
    service: 'court',
    labelZh: '法院委派委托调解',
    measureUnitZh: '件',
    howCountedZh: '期内受理的法院委派、委托调解案件',
    source: cases('courtReceived'),
  },
  {
    key: 'courtSettled',
    service: 'court',
    labelZh: '诉前分流化解成功',
    measureUnitZh: '件',
    howCountedZh: '法院委派、委托案件中调解成功的',
    source: cases('courtSettled'),
  },
  {
    key: 'courtFeeSaved',
    service: 'court',
    labelZh: '为当事人节约诉讼费',
    measureUnitZh: '元',
    howCountedZh: '调解成功的法院案件按《诉讼费用交纳办法》减半计算的受理费之和',
    source: cases('courtFeeSavedFen'),
    money: true,
  },
  {
    key: 'prosecutionReceived',
    service: 'prosecution',
    labelZh: '检察院移送轻微刑事案件',
    measureUnitZh: '件',
    howCountedZh: '期内受理的检调对接案件',
    source: cases('prosecutionReceived'),
  },
  {
    key: 'prosecutionSettled',
    service: 'prosecution',
    labelZh: '刑事和解成功',
    measureUnitZh: '件',
    howCountedZh: '检调对接案件中达成和解的',
    source: cases('prosecutionSettled'),
  },
  {
    key: 'receivedOnline',
    service: 'online',
    labelZh: '网上受理纠纷',
    measureUnitZh: '件',
    howCountedZh: '来源为网上申请或微信的受理案件',
    source: cases('receivedOnline'),
  },
  {
    key: 'settledOnline',
    service: 'online',
    labelZh: '网上调解成功',
    measureUnitZh: '件',
    howCountedZh: '来源为网上申请或微信的案件中调解成功的',
    source: cases('settledOnline'),
  },
  {
    key: 'consultations',
    service: 'consultation',
    labelZh: '解答法律咨询',
    measureUnitZh: '人次',
    howCountedZh: '期内法律咨询台账登记的咨询',
    source: consultations('consultations'),
  },
  {
    key: 'consultationsBecameCases',
    service: 'consultation',
    labelZh: '咨询转入调解',
    measureUnitZh: '件',
    howCountedZh: '期内登记的咨询中已登记为案件的',
    source: consultations('becameCases'),
  },
  {
    key: 'legalAidReferred',
    service: 'legal_aid',
    labelZh: '引导申请法律援助',
    measureUnitZh: '件',
    howCountedZh: '期内登记的咨询中引导去向为申请法律援助的',
    source: consultations('legalAidReferred'),
  },
  {
    key: 'gridReported',
    service: 'grid',
    labelZh: '网格员上报纠纷',
    measureUnitZh: '件',
    howCountedZh: '来源为网格员上报的受理案件',
    source: cases('gridReported'),
  },
  {
    key: 'gridLeads',
    service: 'grid',
    labelZh: '排查发现矛盾纠纷线索',
    measureUnitZh: '条',
    howCountedZh: '期内网格员上报的风险和纠纷线索（排查台账），不论其后处理结果',
    source: { source: gridLeadsSource, measure: 'gridLeads' },
  },
  {
    key: 'conferences',
    service: 'conference',
    labelZh: '召开复杂案件研判会',
    measureUnitZh: '次',
    howCountedZh: '期内召开的案件研判会（研），计入案件的承办单位；批准免于研判的不计',
    source: { source: conferencesSource, measure: 'conferences' },
  },
  {
    key: 'enterprisesExamined',
    service: 'enterprise',
    labelZh: '走访企业开展法治体检',
    measureUnitZh: '家',
    howCountedZh: '期内走访开展法治体检的企业，每次体检计一家',
    source: enterpriseServices('enterprisesExamined'),
  },
  {
    key: 'legalEducationSessions',
    service: 'enterprise',
    labelZh: '开展普法宣讲',
    measureUnitZh: '场',
    howCountedZh: '期内举办的普法宣讲场次（按举办日期）',
    source: enterpriseServices('legalEducationSessions'),
  },
  {
    key: 'examinationReports',
    service: 'enterprise',
    labelZh: '出具法治体检报告',
    measureUnitZh: '份',
    howCountedZh: '期内生成的法治体检报告',
    source: enterpriseServices('examinationReports'),
  },
  {
    key: 'manualsHandedOut',
    service: 'enterprise',
    labelZh: '发放法律手册',
    measureUnitZh: '册',
    howCountedZh: '期内发放的法律手册册数（按发放日期）',
    source: enterpriseServices('manualsHandedOut'),
  },
];

/** The sources the lines use, each once. */
export function annualSourcesOf(lines: readonly AnnualLine[]): AnnualSource[] {
  return [...new Set(lines.flatMap((line) => (line.source ? [line.source.source] : [])))];
}
