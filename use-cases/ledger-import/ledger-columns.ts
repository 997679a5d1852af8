import {
  type CaseSource,
  caseSourceLabelsZh,
  type Disposition,
  type DisputeCategory,
  dispositionLabelsZh,
  disputeCategoryLabelsZh,
  type TriageClass,
  triageClassLabelsZh,
} from '../../domain/vocabulary.js';

/**
 * The legacy ledger (台账) column set, with the zh-CN headers centres already use. The first row of the
 * file (CSV or the first worksheet of an XLSX) holds the headers, in any order; unknown columns are
 * ignored; every column marked required must be present. Labels are the ones staff see in this system
 * (domain/vocabulary.ts); the codes themselves are accepted too.
 */
export const ledgerColumns = {
  caseNumber: {
    header: '案件编号',
    required: true,
    note: '台账自编号；符合本系统格式（如 HLBE-2022-000123）的原样保留，其余重新编号',
  },
  registeredOn: { header: '登记日期', required: true, note: 'YYYY-MM-DD（也接受 YYYY/M/D、YYYY年M月D日）' },
  source: {
    header: '来源',
    required: true,
    note: '来访、热线、网上申请、微信、网格员上报、法院委派/委托、检察院移送、公安机关移送、部门移交',
  },
  category: { header: '纠纷类别', required: true, note: '婚姻家庭纠纷、邻里纠纷 … 其他纠纷' },
  triageClass: { header: '分级', required: false, note: '简易、一般、复杂' },
  summary: { header: '案情摘要', required: false, note: '留空时记为「<纠纷类别>（历史台账导入）」' },
  unitCode: { header: '承办单位编码', required: true, note: '系统中已有单位的编码' },
  mediatorName: { header: '调解员', required: false, note: '姓名，仅作记录' },
  parties: {
    header: '当事人',
    required: true,
    note: '「姓名|角色|证件号|电话」，多人以「;」分隔；角色：申请人、被申请人、代理人、第三人',
  },
  partiesCount: { header: '当事人人数', required: false, note: '不少于列出的当事人；留空取列出的人数' },
  claimAmount: { header: '标的额(元)', required: false, note: '最多两位小数' },
  disposition: {
    header: '处理结果',
    required: true,
    note: '调解成功（书面协议）、调解成功（口头协议）、调解不成、当事人撤回、终止调解、转交其他机构、不予受理',
  },
  agreementAmount: { header: '协议金额(元)', required: false, note: '仅调解成功的案件' },
  closedOn: { header: '结案日期', required: true, note: '不早于登记日期' },
  courtReferral: { header: '是否法院委派/委托', required: false, note: '是/否；留空时按来源判断' },
  courtReferralType: { header: '法院委派类型', required: false, note: '委派、委托（法院案件必填）' },
  courtName: { header: '委派法院', required: false, note: '法院名称，仅作记录' },
  courtFeeSaved: {
    header: '节约诉讼费(元)',
    required: false,
    note: '仅调解成功的法院案件；留空时按《诉讼费用交纳办法》由标的额计算',
  },
  prosecutionReferral: { header: '检察院移送', required: false, note: '是/否；留空时按来源判断' },
  prosecutionDecision: { header: '检察院决定', required: false, note: '不起诉、从宽处理建议、提起公诉' },
  online: { header: '线上调解', required: false, note: '是/否' },
  conferenceOn: {
    header: '研判会日期',
    required: false,
    note: '召开案件研判会（研）的日期，不早于登记日期、不晚于结案日期；留空为未召开',
  },
} as const;

export type LedgerField = keyof typeof ledgerColumns;

export const ledgerHeaders = Object.values(ledgerColumns).map((column) => column.header);

/** 检察院决定 after a minor criminal case's settlement (检调对接). */
export const prosecutionDecisionLabelsZh = {
  non_prosecution: '不起诉',
  lenient_recommendation: '从宽处理建议',
  prosecution: '提起公诉',
} as const;
export type ProsecutionDecision = keyof typeof prosecutionDecisionLabelsZh;

export const courtReferralTypeLabelsZh = { delegated: '委派', entrusted: '委托' } as const;
export type CourtReferralType = keyof typeof courtReferralTypeLabelsZh;

export const partyRoleLabelsZh = {
  applicant: '申请人',
  respondent: '被申请人',
  agent: '代理人',
  third_party: '第三人',
} as const;
type PartyRole = keyof typeof partyRoleLabelsZh;

/** A zh label (or the code itself) → code, for one vocabulary. */
function lookup<C extends string>(labels: Record<C, string>, aliases: Record<string, C> = {}) {
  // Full-width and half-width forms compare equal: （书面协议） is (书面协议).
  const key = (text: string) => text.normalize('NFKC').replace(/\s/g, '');
  const byText = new Map<string, C>();
  for (const [code, label] of Object.entries(labels) as [C, string][]) {
    byText.set(key(code), code);
    byText.set(key(label), code);
  }
  for (const [alias, code] of Object.entries(aliases)) byText.set(key(alias), code);
  return {
    find: (text: string): C | undefined => byText.get(key(text)),
    labels: Object.values(labels) as string[],
  };
}

export const vocabularies = {
  source: lookup<CaseSource>(caseSourceLabelsZh, {
    法院委派: 'court',
    法院委托: 'court',
    法院: 'court',
    检察院: 'procuratorate',
    公安: 'police',
  }),
  category: lookup<DisputeCategory>(disputeCategoryLabelsZh),
  triageClass: lookup<TriageClass>(triageClassLabelsZh),
  disposition: lookup<Disposition>(dispositionLabelsZh, {
    调解成功: 'settled_written',
    书面协议: 'settled_written',
    口头协议: 'settled_oral',
  }),
  courtReferralType: lookup<CourtReferralType>(courtReferralTypeLabelsZh, {
    委派调解: 'delegated',
    委托调解: 'entrusted',
  }),
  prosecutionDecision: lookup<ProsecutionDecision>(prosecutionDecisionLabelsZh, {
    从宽量刑建议: 'lenient_recommendation',
    起诉: 'prosecution',
  }),
  partyRole: lookup<PartyRole>(partyRoleLabelsZh, { 被申请方: 'respondent', 申请方: 'applicant' }),
};
