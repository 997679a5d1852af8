import type { Database } from '../../db/client.js';
import {
  engagementFindings,
  enterpriseEngagements,
  enterpriseLawSessions,
  enterprises,
  manualHandouts,
} from '../../db/schema/index.js';
import { addDays, chinaTimeOnDate } from '../../domain/dates.js';
import type {
  EngagementOrigin,
  HealthCheckMatter,
  RiskLevel,
} from '../../domain/enterprise-services-vocabulary.js';
import type {
  EnterpriseIndustry,
  EnterpriseSize,
  MarketEntityClass,
} from '../../domain/enterprise-vocabulary.js';
import { isValidUnifiedSocialCreditCode } from '../../domain/identity-numbers.js';
import { personName } from './people.js';
import { createSampleRandom, type SampleRandom } from './random.js';

/**
 * The sample centre's 2022 enterprise services (法治化营商环境服务), to the seed's own year figures
 * (issue 17, from the centre's report): 1,898 enterprises visited and examined (法律体检专项活动), 214
 * 法治体检 reports, 152 普法 sessions and 2,278 legal manuals handed out. Each enterprise is visited once
 * (one engagement each, so 1,898 engagements visited in 2022); 214 of them had their report issued in
 * 2022 — the others were examined on the spot without a written report, as the seed's figures imply.
 * Drawn deterministically (seeded) like the case ledger.
 */
export const sampleEnterpriseTargets = {
  enterprisesExamined: 1_898,
  examinationReports: 214,
  legalEducationSessions: 152,
  manualsHandedOut: 2_278,
} as const;
const seed = 20_221_235;
const year = 2022;

/** The units that serve enterprises: mostly the 涉企 station, then commerce, the lawyers and the centre. */
const serviceUnits: [string, number][] = [
  ['HLBE-ST-ENTERPRISE', 50],
  ['HLBE-ST-COMMERCE', 20],
  ['HLBE-ST-LAWYER', 20],
  ['HLBE-CENTRE', 10],
];
const classes: [MarketEntityClass, number][] = [
  ['individual_business', 34],
  ['small_micro_enterprise', 32],
  ['private_enterprise', 20],
  ['general_taxpayer', 10],
  ['large_enterprise', 4],
];
const industries: [EnterpriseIndustry, number][] = [
  ['agriculture', 12],
  ['mining', 3],
  ['manufacturing', 10],
  ['energy_utilities', 2],
  ['construction', 8],
  ['wholesale_retail', 24],
  ['transport_logistics', 6],
  ['accommodation_catering', 14],
  ['information_technology', 2],
  ['finance', 1],
  ['real_estate', 3],
  ['business_services', 6],
  ['tourism_culture', 6],
  ['other', 3],
];
const nameWords: Record<EnterpriseIndustry, string[]> = {
  agriculture: ['草原牧业', '绿源农牧', '丰收种植', '蒙源肉业', '乳香奶业'],
  mining: ['矿业', '煤业'],
  manufacturing: ['乳业', '食品', '木业', '建材', '机械制造'],
  energy_utilities: ['热力', '新能源'],
  construction: ['建筑工程', '路桥建设', '装饰工程'],
  wholesale_retail: ['商贸', '百货', '粮油', '农资', '汽车销售'],
  transport_logistics: ['物流', '运输', '仓储'],
  accommodation_catering: ['餐饮', '酒店', '火锅店', '民宿'],
  information_technology: ['网络科技', '信息技术'],
  finance: ['融资担保', '小额贷款'],
  real_estate: ['房地产开发', '物业服务'],
  business_services: ['商务咨询', '广告', '劳务派遣'],
  tourism_culture: ['旅游', '文化传媒', '草原旅游'],
  other: ['综合服务', '家政服务'],
};
const places = [
  { name: '海拉尔区', area: '150702', short: '呼伦贝尔' },
  { name: '满洲里市', area: '150781', short: '满洲里' },
  { name: '牙克石市', area: '150782', short: '牙克石' },
  { name: '扎兰屯市', area: '150783', short: '扎兰屯' },
  { name: '额尔古纳市', area: '150784', short: '额尔古纳' },
  { name: '根河市', area: '150785', short: '根河' },
  { name: '阿荣旗', area: '150721', short: '阿荣旗' },
  { name: '莫力达瓦达斡尔族自治旗', area: '150722', short: '莫旗' },
  { name: '鄂温克族自治旗', area: '150724', short: '鄂温克旗' },
  { name: '陈巴尔虎旗', area: '150725', short: '陈旗' },
  { name: '新巴尔虎左旗', area: '150726', short: '新左旗' },
  { name: '鄂伦春自治旗', area: '150723', short: '鄂伦春旗' },
  { name: '扎赉诺尔区', area: '150703', short: '扎赉诺尔' },
];
const brands = [
  '鑫源',
  '恒达',
  '蒙兴',
  '北疆',
  '兴安',
  '金帐',
  '瑞丰',
  '天成',
  '广源',
  '昊天',
  '嘉禾',
  '宏远',
  '聚福',
  '草原',
];
const sizeOf: Record<MarketEntityClass, [EnterpriseSize, number][]> = {
  individual_business: [['micro', 1]],
  small_micro_enterprise: [
    ['micro', 55],
    ['small', 45],
  ],
  private_enterprise: [
    ['small', 50],
    ['medium', 40],
    ['large', 10],
  ],
  general_taxpayer: [
    ['small', 45],
    ['medium', 45],
    ['large', 10],
  ],
  large_enterprise: [['large', 1]],
};
const matters: HealthCheckMatter[] = [
  'contracts',
  'labour',
  'intellectual_property',
  'tax_compliance',
  'financing',
  'corporate_governance',
  'debt_collection',
];
const findingTexts: Record<HealthCheckMatter, [string, string]> = {
  contracts: ['合同文本未约定违约责任和争议解决方式', '修订合同范本，明确违约责任和管辖约定'],
  labour: ['部分员工未签订书面劳动合同，未足额缴纳社会保险', '一个月内补签劳动合同，依法补缴社会保险'],
  intellectual_property: ['自有商标未注册，存在被抢注风险', '尽快申请商标注册，规范商标使用'],
  tax_compliance: ['发票管理不规范，存在取得不合规发票的情况', '建立发票审核制度，必要时咨询税务机关'],
  financing: ['民间借款未签书面借款合同，利息约定不明', '补签借款合同，约定利率不超过法定上限'],
  corporate_governance: ['股东会决议未留存书面记录', '建立股东会、董事会决议的书面记录和存档制度'],
  debt_collection: ['应收账款长期未催收，部分已接近诉讼时效', '及时书面催收，中断诉讼时效，必要时申请调解'],
  other: ['规章制度未经民主程序制定', '依法履行民主程序并公示'],
};
const riskLevels: [RiskLevel, number][] = [
  ['low', 40],
  ['medium', 42],
  ['high', 18],
];
const sessionAudiences = [
  '园区企业负责人',
  '个体工商户',
  '企业员工',
  '商会会员',
  '中小微企业经营者',
  '外贸企业业务人员',
];
const sessionTopics = [
  '《优化营商环境条例》解读',
  '民法典合同编与企业合同风险防范',
  '劳动合同签订与用工风险防范',
  '知识产权保护与商标注册',
  '企业融资与民间借贷法律风险',
  '涉企纠纷的调解与诉前化解',
  '安全生产法律责任',
  '防范电信网络诈骗',
];
const manualTitles = [
  '企业法律风险防控手册',
  '民法典进企业读本',
  '劳动用工法律指引',
  '优化营商环境法律法规汇编',
];
/** Visits follow the campaign season: few in the Hulunbuir winter, most from April to October. */
const visitMonthWeights = [3, 3, 8, 10, 12, 12, 11, 11, 12, 10, 6, 4];
const sessionMonthWeights = [4, 3, 9, 10, 11, 10, 8, 8, 11, 10, 9, 7];

export interface SampleEnterprise {
  name: string;
  creditCode: string;
  entityClass: MarketEntityClass;
  industry: EnterpriseIndustry;
  size: EnterpriseSize;
  address: string;
  contacts: { name: string; position: string; phone: string }[];
  unitCode: string;
}

export interface SampleFinding {
  matter: HealthCheckMatter;
  riskLevel: RiskLevel;
  description: string;
  recommendation: string;
  closedOn: string | null;
}

export interface SampleEngagement {
  /** Index into the enterprises. */
  enterprise: number;
  unitCode: string;
  origin: EngagementOrigin;
  campaign: string | null;
  createdOn: string;
  visitedOn: string;
  team: string[];
  matters: HealthCheckMatter[];
  /** The day the report was issued, for those that had one. */
  reportedOn: string | null;
  findings: SampleFinding[];
  closedOn: string | null;
}

export interface SampleLawSession {
  unitCode: string;
  enterprise: number | null;
  heldOn: string;
  audience: string;
  topic: string;
  attendance: number;
}

export interface SampleManualHandout {
  unitCode: string;
  enterprise: number | null;
  handedOutOn: string;
  title: string;
  copies: number;
}

export interface SampleEnterpriseServices {
  enterprises: SampleEnterprise[];
  engagements: SampleEngagement[];
  sessions: SampleLawSession[];
  handouts: SampleManualHandout[];
}

const creditCharacters = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * A 统一社会信用代码 (GB 32100-2015): 9 (registered by market regulation), 1 an enterprise or 2 an
 * individual business, the area code (1507xx, the county it is in), a 组织机构代码 (8 digits and its GB 11714 check character) and the
 * code's own check character.
 */
function creditCode(random: SampleRandom, individual: boolean, area: string): string {
  const organisation = Array.from({ length: 8 }, () => random.integer(0, 9));
  const organisationSum = organisation.reduce(
    (sum, digit, index) => sum + digit * [3, 7, 9, 10, 5, 8, 4, 2][index]!,
    0,
  );
  const organisationCheck = (11 - (organisationSum % 11)) % 11;
  const body = `9${individual ? 2 : 1}${area}${organisation.join('')}${organisationCheck === 10 ? 'X' : organisationCheck}`;
  const sum = [...body].reduce(
    (total, character, index) => total + creditCharacters.indexOf(character) * creditWeights[index]!,
    0,
  );
  return `${body}${creditCharacters[(31 - (sum % 31)) % 31]}`;
}

function dayIn(random: SampleRandom, weights: number[], latest = `${year}-12-31`): string {
  for (;;) {
    const month = random.weighted(weights.map((weight, index) => [index + 1, weight] as [number, number]));
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = `${year}-${String(month).padStart(2, '0')}-${String(random.integer(1, days)).padStart(2, '0')}`;
    if (day <= latest) return day;
  }
}

const phone = (random: SampleRandom) =>
  `1${random.pick(['3', '5', '8', '9'])}${String(random.integer(0, 999_999_999)).padStart(9, '0')}`;

function drawEnterprise(random: SampleRandom, used: Set<string>): SampleEnterprise {
  const entityClass = random.weighted(classes);
  const industry = random.weighted(industries);
  const place = random.pick(places);
  const individual = entityClass === 'individual_business';
  let code = creditCode(random, individual, place.area);
  while (used.has(code)) code = creditCode(random, individual, place.area);
  used.add(code);
  const owner = personName(random);
  const word = random.pick(nameWords[industry]);
  return {
    name: individual
      ? `${place.name}${owner}${word}（个体工商户）`
      : `${place.short}${random.pick(brands)}${word}有限公司`,
    creditCode: code,
    entityClass,
    industry,
    size: random.weighted(sizeOf[entityClass]),
    address: `${place.name}${random.pick(['新华街', '胜利路', '团结路', '中央街', '建设大街', '工业园区'])}${random.integer(1, 300)}号`,
    contacts: [
      {
        name: individual ? owner : personName(random),
        position: individual ? '经营者' : random.pick(['总经理', '法务负责人', '办公室主任']),
        phone: phone(random),
      },
    ],
    unitCode: random.weighted(serviceUnits),
  };
}

/** Whole copies per hand-out, in proportion to `weights` give or take half, adding up to exactly `total`. */
function copiesSummingTo(random: SampleRandom, weights: readonly number[], total: number): number[] {
  const count = weights.length;
  const shares = weights.map((weight) => weight * random.between(0.5, 1.5));
  const scale = total / shares.reduce((sum, share) => sum + share, 0);
  const copies = shares.map((share) => Math.max(1, Math.floor(share * scale)));
  let rest = total - copies.reduce((sum, value) => sum + value, 0);
  while (rest !== 0) {
    const index = random.integer(0, count - 1);
    if (rest > 0) {
      copies[index]! += 1;
      rest -= 1;
    } else if (copies[index]! > 1) {
      copies[index]! -= 1;
      rest += 1;
    }
  }
  return copies;
}

export function generateSampleEnterpriseServices(): SampleEnterpriseServices {
  const random = createSampleRandom(seed);
  const used = new Set<string>();
  const list = Array.from({ length: sampleEnterpriseTargets.enterprisesExamined }, () =>
    drawEnterprise(random, used),
  );
  const engagements = list.map((enterprise, index): SampleEngagement => {
    const visitedOn = dayIn(random, visitMonthWeights);
    const origin: EngagementOrigin = random.chance(0.8) ? 'campaign' : 'request';
    const examined = matters
      .map((matter) => ({ matter, tie: random.next() }))
      .sort((a, b) => a.tie - b.tie)
      .slice(0, random.integer(2, 4))
      .map(({ matter }) => matter);
    const createdOn = addDays(visitedOn, -random.integer(1, 10));
    return {
      enterprise: index,
      unitCode: enterprise.unitCode,
      origin,
      campaign: origin === 'campaign' ? '2022年“法律体检进企业”专项活动' : null,
      createdOn: createdOn < `${year}-01-01` ? `${year}-01-01` : createdOn,
      visitedOn,
      team: [`${personName(random)}律师`, personName(random)],
      matters: examined,
      reportedOn: null,
      findings: [],
      closedOn: null,
    };
  });
  // The 214 reports: engagements visited by early December, their report issued 5–20 days after the visit.
  const reportable = engagements.filter((engagement) => engagement.visitedOn <= `${year}-12-10`);
  const reported = reportable
    .map((engagement) => ({ engagement, tie: random.next() }))
    .sort((a, b) => a.tie - b.tie)
    .slice(0, sampleEnterpriseTargets.examinationReports)
    .map(({ engagement }) => engagement);
  for (const engagement of reported) {
    engagement.reportedOn = addDays(engagement.visitedOn, random.integer(5, 20));
    const closes = random.chance(0.6);
    engagement.findings = engagement.matters
      .slice(0, random.integer(1, engagement.matters.length))
      .map((matter) => {
        const [description, recommendation] = findingTexts[matter];
        return {
          matter,
          riskLevel: random.weighted(riskLevels),
          description,
          recommendation,
          closedOn:
            closes || random.chance(0.4) ? addDays(engagement.reportedOn!, random.integer(10, 90)) : null,
        };
      });
    if (engagement.findings.every((finding) => finding.closedOn))
      engagement.closedOn = engagement.findings
        .map((finding) => finding.closedOn!)
        .sort()
        .at(-1)!;
  }
  const sessions = Array.from(
    { length: sampleEnterpriseTargets.legalEducationSessions },
    (): SampleLawSession => {
      const atEnterprise = random.chance(0.35);
      const enterprise = atEnterprise ? random.integer(0, list.length - 1) : null;
      return {
        unitCode: enterprise === null ? random.weighted(serviceUnits) : list[enterprise]!.unitCode,
        enterprise,
        heldOn: dayIn(random, sessionMonthWeights),
        audience: enterprise === null ? random.pick(sessionAudiences) : '企业员工',
        topic: random.pick(sessionTopics),
        attendance: enterprise === null ? random.integer(30, 150) : random.integer(10, 60),
      };
    },
  );
  // Manuals go out at every 普法 session and at one visit in twenty-five.
  const visitsWithManuals = engagements.filter(() => random.chance(0.04));
  const occasions = [
    ...sessions.map((session) => ({
      unitCode: session.unitCode,
      enterprise: session.enterprise,
      on: session.heldOn,
      weight: 3,
    })),
    ...visitsWithManuals.map((engagement) => ({
      unitCode: engagement.unitCode,
      enterprise: engagement.enterprise,
      on: engagement.visitedOn,
      weight: 1,
    })),
  ];
  const copies = copiesSummingTo(
    random,
    occasions.map((occasion) => occasion.weight),
    sampleEnterpriseTargets.manualsHandedOut,
  );
  const handouts = occasions.map(
    (occasion, index): SampleManualHandout => ({
      unitCode: occasion.unitCode,
      enterprise: occasion.enterprise,
      handedOutOn: occasion.on,
      title: random.pick(manualTitles),
      copies: copies[index]!,
    }),
  );
  for (const enterprise of list)
    if (!isValidUnifiedSocialCreditCode(enterprise.creditCode))
      throw new Error(`sample enterprise ${enterprise.name}: bad credit code ${enterprise.creditCode}`);
  return { enterprises: list, engagements, sessions, handouts };
}

/** An instant on a China calendar day, at an office hour. */
const onDay = (day: string, hour: number) => new Date(chinaTimeOnDate(day, hour));

/**
 * Put the sample enterprises and their 2022 services straight into their tables, dated in 2022 (the
 * API stamps records now and generates a .docx for each report: the sample's reports have their day but
 * no document). `unitIds` by code must hold the centre and the stations; `recordedById` is the staff
 * member they are recorded under. Enterprises already registered (by credit code) are left as they are
 * and nothing more is loaded for them; returns what was inserted.
 */
export async function loadSampleEnterpriseServices(
  db: Database,
  unitIds: ReadonlyMap<string, string>,
  recordedById: string,
) {
  const sample = generateSampleEnterpriseServices();
  const unitId = (code: string) => {
    const id = unitIds.get(code);
    if (!id) throw new Error(`sample enterprise services: no unit ${code}`);
    return id;
  };
  const enterpriseIds: (string | undefined)[] = [];
  const chunks = <T>(rows: T[]) =>
    Array.from({ length: Math.ceil(rows.length / 500) }, (_, index) =>
      rows.slice(index * 500, index * 500 + 500),
    );
  const registeredOn = new Map(
    sample.engagements.map((engagement) => [engagement.enterprise, engagement.createdOn]),
  );
  for (const [index, chunk] of chunks(sample.enterprises).entries()) {
    const inserted = await db
      .insert(enterprises)
      .values(
        chunk.map((enterprise, offset) => ({
          name: enterprise.name,
          creditCode: enterprise.creditCode,
          entityClass: enterprise.entityClass,
          industry: enterprise.industry,
          size: enterprise.size,
          address: enterprise.address,
          contacts: enterprise.contacts,
          unitId: unitId(enterprise.unitCode),
          registeredById: recordedById,
          registeredAt: onDay(registeredOn.get(index * 500 + offset)!, 9),
        })),
      )
      .onConflictDoNothing({ target: enterprises.creditCode })
      .returning({ id: enterprises.id, creditCode: enterprises.creditCode });
    const ids = new Map(inserted.map((row) => [row.creditCode, row.id]));
    for (const enterprise of chunk) enterpriseIds.push(ids.get(enterprise.creditCode));
  }
  const engagements = sample.engagements.filter((engagement) => enterpriseIds[engagement.enterprise]);
  let findings = 0;
  for (const chunk of chunks(engagements)) {
    const inserted = await db
      .insert(enterpriseEngagements)
      .values(
        chunk.map((engagement) => ({
          enterpriseId: enterpriseIds[engagement.enterprise]!,
          unitId: unitId(engagement.unitCode),
          origin: engagement.origin,
          campaign: engagement.campaign,
          note: null,
          stage: engagement.closedOn ? 'closed' : engagement.reportedOn ? 'reported' : 'visited',
          visitedOn: engagement.visitedOn,
          team: engagement.team,
          matters: engagement.matters,
          reportedAt: engagement.reportedOn ? onDay(engagement.reportedOn, 16) : null,
          closedAt: engagement.closedOn ? onDay(engagement.closedOn, 16) : null,
          createdById: recordedById,
          createdAt: onDay(engagement.createdOn, 10),
        })),
      )
      .returning({ id: enterpriseEngagements.id });
    const rows = chunk.flatMap((engagement, index) =>
      engagement.findings.map((finding, n) => ({
        engagementId: inserted[index]!.id,
        n: n + 1,
        matter: finding.matter,
        riskLevel: finding.riskLevel,
        description: finding.description,
        recommendation: finding.recommendation,
        status: finding.closedOn ? 'closed' : 'open',
        followUps: finding.closedOn
          ? [
              {
                at: onDay(finding.closedOn, 11).toISOString(),
                by: recordedById,
                note: '回访核实已整改',
                closes: true,
              },
            ]
          : [],
        closedAt: finding.closedOn ? onDay(finding.closedOn, 11) : null,
        recordedById,
        recordedAt: onDay(engagement.visitedOn, 17),
      })),
    );
    if (rows.length > 0) await db.insert(engagementFindings).values(rows);
    findings += rows.length;
  }
  const enterpriseOf = (index: number | null) => (index === null ? null : (enterpriseIds[index] ?? null));
  const sessions = sample.sessions.map((session) => ({
    unitId: unitId(session.unitCode),
    enterpriseId: enterpriseOf(session.enterprise),
    heldOn: session.heldOn,
    audience: session.audience,
    topic: session.topic,
    attendance: session.attendance,
    recordedById,
    recordedAt: onDay(session.heldOn, 17),
  }));
  const handouts = sample.handouts.map((handout) => ({
    unitId: unitId(handout.unitCode),
    enterpriseId: enterpriseOf(handout.enterprise),
    handedOutOn: handout.handedOutOn,
    title: handout.title,
    copies: handout.copies,
    recordedById,
    recordedAt: onDay(handout.handedOutOn, 17),
  }));
  // Sessions and hand-outs have no natural key: they are loaded with the enterprises, only the first time.
  const firstTime = enterpriseIds.some((id) => id !== undefined);
  if (firstTime) {
    await db.insert(enterpriseLawSessions).values(sessions);
    await db.insert(manualHandouts).values(handouts);
  }
  return {
    enterprises: enterpriseIds.filter((id) => id !== undefined).length,
    engagements: engagements.length,
    findings,
    sessions: firstTime ? sessions.length : 0,
    handouts: firstTime ? handouts.length : 0,
  };
}
