import type { CentreSettings } from '../../../documents/document-input.js';
import type { CaseView } from '../../../workflows/case.messages.js';
import type { CourtReferral, ProsecutionReferral } from '../../../workflows/referral.messages.js';

/** The embedded demo's centre, as config/env.ts defaults it. */
export const centre: CentreSettings = {
  centreName: '呼伦贝尔市海拉尔区非诉讼纠纷调处中心',
  committeeName: '呼伦贝尔市海拉尔区人民调解委员会',
  documentNumberPrefix: '海人调',
  defaultConfirmationCourt: '呼伦贝尔市海拉尔区人民法院',
};

/** A case as its workflow holds it, before anything happened; each story below adds its part. */
function registeredCase(overrides: Partial<CaseView> = {}): CaseView {
  return {
    caseNumber: 'HLBE-2026-000123',
    stage: 'resolve',
    source: 'walk_in',
    summary:
      '2025年6月，李四向张三借款人民币50000元，约定2025年12月31日前归还，到期未还。\n张三多次催要未果，双方发生纠纷。',
    unitId: null,
    assigneeId: 'mediator-1',
    triageClass: 'general',
    category: 'lending',
    parties: [
      {
        kind: 'person',
        role: 'applicant',
        name: '张三',
        idType: 'resident_id',
        idNumber: '150702198503121235',
        phone: '13904701234',
        address: '内蒙古自治区呼伦贝尔市海拉尔区胜利大街12号',
      },
      {
        kind: 'person',
        role: 'respondent',
        name: '李四',
        idType: 'resident_id',
        idNumber: '15070219900708234X',
        phone: '13804705678',
        address: '内蒙古自治区呼伦贝尔市海拉尔区建设街3号',
      },
    ],
    registeredAt: '2026-11-20T01:30:00.000Z',
    registeredBy: { kind: 'staff', id: 'clerk-1', role: 'clerk' },
    outcome: null,
    disposition: null,
    amountFen: null,
    claimAmountFen: 5_000_000,
    mediationConsent: { givenBy: ['张三', '李四'], recordedAt: '2026-11-20T01:35:00.000Z' },
    sessions: 2,
    extensions: [],
    followUp: null,
    deadlines: [],
    supervisionOrders: [],
    referral: null,
    court: null,
    prosecution: null,
    linkPending: null,
    overdue: false,
    closedAt: null,
    seq: 7,
    projectedSeq: 7,
    ...overrides,
  };
}

export const sessions = [
  {
    heldAt: '2026-11-25T01:30:00.000Z',
    location: '海拉尔区非诉讼纠纷调处中心第二调解室',
    summary:
      '调解员向双方释明人民调解的性质和双方权利义务。\n张三要求李四一次性归还借款50000元；李四承认借款，称暂时无力一次还清。',
  },
  {
    heldAt: '2026-12-01T06:00:00.000Z',
    location: null,
    summary: '双方同意分两期还款，李四于2026年12月31日前还款30000元，2027年3月31日前还清余款20000元。',
  },
];

/** A walk-in lending dispute settled in writing on 2 December 2026 and visited afterwards. */
export function settledCase(): CaseView {
  return registeredCase({
    stage: 'dispose',
    outcome: {
      transition: 'settle',
      disposition: 'settled_written',
      at: '2026-12-02T02:00:00.000Z',
      by: 'mediator-1',
      details: {
        form: 'written',
        terms: '一、李四确认尚欠张三借款人民币50000元。\n二、张三自愿放弃利息请求。',
        amountFen: 5_000_000,
        performance: [
          { description: '李四向张三支付第一期还款', dueDate: '2026-12-31', amountFen: 3_000_000 },
          { description: '李四向张三支付剩余还款', dueDate: '2027-03-31', amountFen: 2_000_000 },
        ],
        signedAt: '2026-12-02T02:00:00.000Z',
      },
    },
    disposition: 'settled_written',
    amountFen: 5_000_000,
    followUp: {
      performed: true,
      satisfaction: 5,
      notes: '李四已按期支付第一期款项，张三表示满意。',
      at: '2027-01-05T03:00:00.000Z',
      by: 'mediator-1',
    },
  });
}

const courtReferral: CourtReferral = {
  kind: 'court',
  institutionId: 'court-1',
  institutionName: '呼伦贝尔市海拉尔区人民法院',
  reference: '（2026）内0702民诉前调1234号',
  type: 'delegated',
  procedure: null,
  referralDate: '2026-11-18',
  receivedAt: '2026-11-18T02:00:00.000Z',
  claimsSummary: '请求判令被告归还借款50000元',
  claimAmountFen: 5_000_000,
  materials: ['起诉状', '借条复印件'],
  contact: { name: '王法官' },
  callbackUrl: null,
};

/** The same dispute referred by the court before filing (委派调解) and failed. */
export function failedCourtCase(): CaseView {
  return registeredCase({
    source: 'court',
    stage: 'link',
    referral: courtReferral,
    outcome: {
      transition: 'fail',
      disposition: 'failed',
      at: '2026-12-10T08:00:00.000Z',
      by: 'mediator-1',
      details: {
        reasons: '双方对还款期限分歧较大，李四坚持分五年还款，张三不同意。',
        undisputedFacts: '李四于2025年6月1日向张三借款人民币50000元，至今未归还。',
      },
    },
    disposition: 'failed',
  });
}

/** A minor assault referred by the procuratorate (检调对接) and settled, compensation paid. */
export function prosecutionCase(): CaseView {
  const referral: ProsecutionReferral = {
    kind: 'prosecution',
    institutionId: 'procuratorate-1',
    institutionName: '呼伦贝尔市海拉尔区人民检察院',
    reference: '海检刑诉〔2026〕88号',
    offence: '故意伤害罪',
    statuteArticle: '第二百三十四条',
    facts: '2026年10月3日，李四与王芳因琐事发生争执，李四将王芳打伤，经鉴定为轻伤二级。',
    prosecutorContact: { name: '赵检察官' },
    reviewStartedOn: '2026-11-10',
    reviewDueOn: '2026-12-10',
    eligibility: {
      privateDispute: true,
      criminalLawChapter: 4,
      negligent: false,
      likelySentenceMonths: 24,
      intentionalCrimeWithinFiveYears: false,
    },
    performanceBeforeDecision: true,
    referralDate: '2026-11-12',
    receivedAt: '2026-11-12T02:00:00.000Z',
    callbackUrl: null,
  };
  const terms = {
    compensationFen: 2_800_050,
    method: '银行转账一次性支付',
    remorse: '李四当面向王芳赔礼道歉，表示真诚悔罪。',
    forgiveness: true,
    leniencyRequested: true,
    forgivenessLetter: { signedOn: '2026-11-28', signedBy: '王芳' },
    instalments: [],
  };
  return registeredCase({
    source: 'procuratorate',
    stage: 'link',
    summary: referral.facts,
    category: 'other',
    claimAmountFen: null,
    parties: [
      {
        kind: 'person',
        role: 'applicant',
        name: '王芳',
        idType: 'resident_id',
        idNumber: '150702197801014564',
        address: '内蒙古自治区呼伦贝尔市海拉尔区正阳街8号',
      },
      {
        kind: 'person',
        role: 'respondent',
        name: '李四',
        idType: 'resident_id',
        idNumber: '15070219900708234X',
      },
    ],
    referral,
    outcome: {
      transition: 'settle',
      disposition: 'settled_written',
      at: '2026-11-28T02:00:00.000Z',
      by: 'mediator-1',
      details: {
        form: 'written',
        terms: '李四赔偿王芳医疗费、误工费等各项损失共计人民币28000.50元。',
        amountFen: 2_800_050,
        performance: [
          { description: '李四一次性支付全部赔偿款', dueDate: '2026-11-30', amountFen: 2_800_050 },
        ],
        prosecution: terms,
      },
    },
    disposition: 'settled_written',
    amountFen: 2_800_050,
    prosecution: {
      terms,
      instalments: [
        {
          n: 1,
          amountFen: 2_800_050,
          dueDate: '2026-11-30',
          paidOn: '2026-11-29',
          proof: '中国农业银行转账凭证 No.6228001',
        },
      ],
      packageSentAt: null,
      decision: null,
      reports: [],
    },
  });
}
