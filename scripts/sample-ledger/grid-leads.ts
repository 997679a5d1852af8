import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';
import { gridLeads, units, users } from '../../db/schema/index.js';
import { addDays, chinaTimeOnDate } from '../../domain/dates.js';
import type { LeadRiskLevel, LeadStatus } from '../../domain/screening-vocabulary.js';
import type { DisputeCategory } from '../../domain/vocabulary.js';
import { hashPassword } from '../../use-cases/auth/passwords.js';
import { personName } from './people.js';
import { createSampleRandom, type SampleRandom } from './random.js';

/**
 * The sample centre's 2022 screening ledger (排查台账): 24 grids (网格) under three stations — eight
 * communities of 海拉尔区 under the neighbourhood station, eight villages under the land station and
 * eight 嘎查 under the grassland station — one grid worker (网格员) each, and the leads they reported.
 *
 * The seed gives no yearly figure for leads, only the method ("拉网式、地毯式大排查"). 624 leads is 26
 * a grid, about one a fortnight, which is what a grid worker's monthly 排查 of a few hundred households
 * turns up. They come on top of the 480 cases the ledger has from grid workers (网格员上报): those were
 * registered straight as cases; these are the leads that did not become cases — watched (关注) or
 * escalated (上报) by the station in one to three days (late December's in early January 2023). None is
 * 'mediating', so no lead claims a ledger case as its own.
 */
export const sampleGridLeadCount = 624;
const seed = 20_221_234;
const year = 2022;

export interface SampleGrid {
  code: string;
  name: string;
  parentCode: string;
  kind: 'community' | 'village' | 'pastoral';
  workerName: string;
}

const gridPlaces: [SampleGrid['kind'], string, string[]][] = [
  [
    'community',
    'HLBE-ST-NEIGHBOUR',
    [
      '正阳街道光明社区',
      '正阳街道新华社区',
      '健康街道健康社区',
      '靠山街道团结社区',
      '胜利街道胜利社区',
      '呼伦街道东山社区',
      '建设街道建设社区',
      '奋斗镇奋斗社区',
    ],
  ],
  [
    'village',
    'HLBE-ST-LAND',
    [
      '阿荣旗那吉镇新发村',
      '阿荣旗亚东镇东山村',
      '莫力达瓦旗尼尔基镇腾克村',
      '莫力达瓦旗汉古尔河镇太平村',
      '扎兰屯市大河湾镇大河湾村',
      '扎兰屯市成吉思汗镇东光村',
      '牙克石市免渡河镇永兴村',
      '鄂伦春自治旗大杨树镇新建村',
    ],
  ],
  [
    'pastoral',
    'HLBE-ST-GRASSLAND',
    [
      '陈巴尔虎旗巴彦库仁镇哈吉嘎查',
      '陈巴尔虎旗呼和诺尔镇锡尼河嘎查',
      '新巴尔虎左旗阿木古郎镇宝东嘎查',
      '新巴尔虎右旗阿拉坦额莫勒镇达赉嘎查',
      '鄂温克族自治旗巴彦托海镇团结嘎查',
      '鄂温克族自治旗锡尼河西苏木孟根楚鲁嘎查',
      '额尔古纳市三河回族乡下护林村',
      '陈巴尔虎旗东乌珠尔苏木哈日干图嘎查',
    ],
  ],
];

const categoriesOf: Record<SampleGrid['kind'], [DisputeCategory, number][]> = {
  community: [
    ['neighbour', 34],
    ['property_management', 22],
    ['family', 18],
    ['labour', 8],
    ['consumer', 6],
    ['lending', 5],
    ['other', 7],
  ],
  village: [
    ['land', 32],
    ['neighbour', 24],
    ['family', 18],
    ['labour', 10],
    ['lending', 8],
    ['other', 8],
  ],
  pastoral: [
    ['land', 42],
    ['neighbour', 18],
    ['family', 14],
    ['contract', 10],
    ['labour', 6],
    ['other', 10],
  ],
};

const descriptions: Partial<Record<DisputeCategory, string[]>> = {
  neighbour: ['两户因楼道堆放杂物多次争吵', '楼上住户漏水，楼下住户情绪激动', '相邻两家因院墙界址发生口角'],
  property_management: ['部分业主以服务不到位为由拒交物业费', '小区停车位分配引发业主与物业争执'],
  family: [
    '老人反映子女不履行赡养义务',
    '夫妻因家庭琐事长期争吵，有激化苗头',
    '兄弟间因父母房产分配发生矛盾',
  ],
  labour: ['十余名务工人员反映工程队拖欠工资', '个体商户员工反映被拖欠两个月工资'],
  consumer: ['居民反映预付卡商户关门，退费无门'],
  lending: ['村民之间民间借款到期未还，双方争执', '亲属间借款纠纷，债权人扬言上门讨要'],
  land: [
    '两户因承包地界址发生争执',
    '草场边界不清，两户牧民因放牧发生冲突',
    '土地流转费用未按时支付，村民意见较大',
  ],
  contract: ['牧民与收购商因牛羊收购款结算发生争议'],
  other: ['村民反映养犬扰民，双方多次争吵', '酒后口角引发推搡，双方均有不满'],
};

const riskLevels: [LeadRiskLevel, number][] = [
  ['low', 48],
  ['medium', 34],
  ['high', 14],
  ['major', 4],
];
const escalationReasons = [
  '涉及人数较多，需乡镇（街道）层面协调',
  '涉及土地权属，需自然资源部门确权',
  '当事人情绪激烈，有引发治安案件风险',
  '涉及劳动保障监察职责，移交相关部门',
];
const monthWeights = [6, 5, 8, 9, 10, 10, 9, 9, 9, 9, 8, 8];

export interface SampleGridLead {
  gridCode: string;
  reportedOn: string;
  hour: number;
  minute: number;
  place: string;
  people: { name: string; phone?: string }[];
  category: DisputeCategory;
  riskLevel: LeadRiskLevel;
  description: string;
  status: Extract<LeadStatus, 'watching' | 'escalated'>;
  /** The day the station triaged it. */
  triagedOn: string;
  escalationReason: string | null;
}

function dayIn(random: SampleRandom): string {
  const month = random.weighted(monthWeights.map((weight, index) => [index + 1, weight] as [number, number]));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(random.integer(1, days)).padStart(2, '0')}`;
}

export function generateSampleGrids(): SampleGrid[] {
  const random = createSampleRandom(seed);
  return gridPlaces.flatMap(([kind, parentCode, places], group) =>
    places.map((place, index) => ({
      code: `HLBE-GRID-${String(group * 8 + index + 1).padStart(2, '0')}`,
      name: `${place}网格`,
      parentCode,
      kind,
      workerName: personName(random),
    })),
  );
}

export function generateSampleGridLeads(
  grids: readonly SampleGrid[] = generateSampleGrids(),
): SampleGridLead[] {
  const random = createSampleRandom(seed + 1);
  const leads = Array.from({ length: sampleGridLeadCount }, (): SampleGridLead => {
    const grid = random.pick(grids);
    const category = random.weighted(categoriesOf[grid.kind]);
    const riskLevel = random.weighted(riskLevels);
    const reportedOn = dayIn(random);
    const triagedOn = addDays(reportedOn, random.integer(1, 3));
    const escalated = random.chance(riskLevel === 'high' || riskLevel === 'major' ? 0.45 : 0.08);
    const place =
      grid.kind === 'community'
        ? `${grid.name.replace('网格', '')}${random.integer(1, 32)}号楼`
        : `${grid.name.replace('网格', '')}${random.integer(1, 9)}组`;
    return {
      gridCode: grid.code,
      reportedOn,
      hour: random.integer(8, 18),
      minute: random.integer(0, 59),
      place,
      people: Array.from({ length: random.integer(1, 3) }, () => ({
        name: personName(random),
        ...(random.chance(0.6)
          ? {
              phone: `1${random.pick(['3', '5', '8'])}${String(random.integer(0, 999_999_999)).padStart(9, '0')}`,
            }
          : {}),
      })),
      category,
      riskLevel,
      description: random.pick(descriptions[category] ?? descriptions.other!),
      status: escalated ? 'escalated' : 'watching',
      triagedOn,
      escalationReason: escalated ? random.pick(escalationReasons) : null,
    };
  });
  return leads.sort((a, b) => a.reportedOn.localeCompare(b.reportedOn) || a.hour - b.hour);
}

/**
 * Put the grids (points under their stations), their grid workers and the 2022 leads straight into
 * their tables, dated in 2022 (reporting through the API stamps them now). `unitIds` by code must hold
 * the stations; the grids' ids are added to it. `triagedById` is the station staff the triage is
 * recorded under. The grid workers' passwords are random and not kept: nobody signs in as them.
 */
export async function loadSampleGridLeads(
  db: Database,
  unitIds: Map<string, string>,
  triagedById: string,
): Promise<{ grids: number; leads: number }> {
  const grids = generateSampleGrids();
  const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
  const workerIds = new Map<string, string>();
  for (const grid of grids) {
    const parentId = unitIds.get(grid.parentCode);
    if (!parentId) throw new Error(`sample grids: no unit ${grid.parentCode}`);
    const [unit] = await db
      .insert(units)
      .values({ code: grid.code, name: grid.name, kind: 'point', parentId })
      .onConflictDoUpdate({ target: units.code, set: { name: grid.name } })
      .returning({ id: units.id });
    unitIds.set(grid.code, unit!.id);
    const [worker] = await db
      .insert(users)
      .values({
        username: `sample-${grid.code.toLowerCase()}`,
        displayName: `网格员${grid.workerName}`,
        role: 'grid_worker',
        unitId: unit!.id,
        passwordHash,
      })
      .onConflictDoUpdate({ target: users.username, set: { unitId: unit!.id } })
      .returning({ id: users.id });
    workerIds.set(grid.code, worker!.id);
  }
  const rows = generateSampleGridLeads(grids).map((lead, index) => ({
    unitId: unitIds.get(lead.gridCode)!,
    reportedById: workerIds.get(lead.gridCode)!,
    idempotencyKey: `sample-2022-lead-${index + 1}`,
    place: lead.place,
    people: lead.people,
    category: lead.category,
    riskLevel: lead.riskLevel,
    description: lead.description,
    reportedAt: new Date(chinaTimeOnDate(lead.reportedOn, lead.hour, lead.minute)),
    status: lead.status,
    triagedById,
    triagedAt: new Date(chinaTimeOnDate(lead.triagedOn, 15)),
    escalationReason: lead.escalationReason,
  }));
  let leads = 0;
  for (let start = 0; start < rows.length; start += 500) {
    const batch = await db
      .insert(gridLeads)
      .values(rows.slice(start, start + 500))
      .onConflictDoNothing({ target: [gridLeads.reportedById, gridLeads.idempotencyKey] })
      .returning({ id: gridLeads.id });
    leads += batch.length;
  }
  return { grids: grids.length, leads };
}
