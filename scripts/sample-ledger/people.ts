import type { DisputeCategory } from '../../domain/vocabulary.js';
import type { SampleRandom } from './random.js';

/** The sample's units: the centre and its 18 industry mediation stations ("1+18+N"). */
export interface SampleUnit {
  code: string;
  name: string;
  kind: 'centre' | 'station';
  categories: DisputeCategory[];
}

export const sampleUnits: SampleUnit[] = [
  {
    code: 'HLBE-CENTRE',
    name: '呼伦贝尔市非诉纠纷调处中心',
    kind: 'centre',
    categories: ['administrative', 'other'],
  },
  { code: 'HLBE-ST-FAMILY', name: '婚姻家庭纠纷人民调解委员会', kind: 'station', categories: ['family'] },
  {
    code: 'HLBE-ST-TRAFFIC',
    name: '道路交通事故纠纷人民调解委员会',
    kind: 'station',
    categories: ['traffic_accident'],
  },
  { code: 'HLBE-ST-MEDICAL', name: '医疗纠纷人民调解委员会', kind: 'station', categories: ['medical'] },
  { code: 'HLBE-ST-LABOUR', name: '劳动争议调解委员会', kind: 'station', categories: ['labour'] },
  {
    code: 'HLBE-ST-PROPERTY',
    name: '物业纠纷人民调解委员会',
    kind: 'station',
    categories: ['property_management'],
  },
  { code: 'HLBE-ST-CONSUMER', name: '消费纠纷人民调解委员会', kind: 'station', categories: ['consumer'] },
  { code: 'HLBE-ST-FINANCE', name: '金融纠纷调解委员会', kind: 'station', categories: ['lending'] },
  { code: 'HLBE-ST-COMMERCE', name: '商事纠纷调解中心', kind: 'station', categories: ['commercial'] },
  { code: 'HLBE-ST-LAND', name: '农村土地承包纠纷调解委员会', kind: 'station', categories: ['land'] },
  { code: 'HLBE-ST-BUILDING', name: '建设工程纠纷人民调解委员会', kind: 'station', categories: ['contract'] },
  {
    code: 'HLBE-ST-NEIGHBOUR',
    name: '社区邻里纠纷人民调解委员会',
    kind: 'station',
    categories: ['neighbour'],
  },
  {
    code: 'HLBE-ST-INSURANCE',
    name: '保险纠纷调解委员会',
    kind: 'station',
    categories: ['traffic_accident'],
  },
  { code: 'HLBE-ST-TOURISM', name: '旅游纠纷人民调解委员会', kind: 'station', categories: ['consumer'] },
  { code: 'HLBE-ST-IP', name: '知识产权纠纷人民调解委员会', kind: 'station', categories: ['commercial'] },
  {
    code: 'HLBE-ST-ENTERPRISE',
    name: '涉企纠纷人民调解委员会',
    kind: 'station',
    categories: ['contract', 'commercial'],
  },
  { code: 'HLBE-ST-PRICE', name: '价格争议调解委员会', kind: 'station', categories: ['consumer'] },
  { code: 'HLBE-ST-GRASSLAND', name: '草原林地纠纷人民调解委员会', kind: 'station', categories: ['land'] },
  {
    code: 'HLBE-ST-LAWYER',
    name: '律师调解工作室',
    kind: 'station',
    categories: ['lending', 'contract', 'labour'],
  },
];

export function unitForCategory(category: DisputeCategory, random: SampleRandom): SampleUnit {
  const fitting = sampleUnits.filter((unit) => unit.kind === 'station' && unit.categories.includes(category));
  return fitting.length > 0 ? random.pick(fitting) : sampleUnits[0]!;
}

/** The 14 courts of Hulunbuir that divert disputes to the centre (诉调对接). */
export const courtNames = [
  '呼伦贝尔市中级人民法院',
  '海拉尔区人民法院',
  '扎赉诺尔区人民法院',
  '满洲里市人民法院',
  '牙克石市人民法院',
  '扎兰屯市人民法院',
  '额尔古纳市人民法院',
  '根河市人民法院',
  '阿荣旗人民法院',
  '莫力达瓦达斡尔族自治旗人民法院',
  '鄂伦春自治旗人民法院',
  '鄂温克族自治旗人民法院',
  '陈巴尔虎旗人民法院',
  '新巴尔虎左旗人民法院',
];

const surnames = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文',
];
const givenCharacters = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华红玉建国海燕东鹏飞宇浩然欣怡子涵雨轩梓萱晨博文志新春梅亮波辉宁凤云晶',
];
const mongolianNames = [
  '巴特尔',
  '其其格',
  '乌力吉',
  '斯琴',
  '额尔敦',
  '娜仁',
  '宝音',
  '图雅',
  '阿拉坦',
  '萨仁',
  '朝鲁',
  '乌兰',
  '巴雅尔',
  '敖登',
  '苏和',
];

export const mediatorNames = Array.from({ length: 60 }, (_, index) => {
  const surname = surnames[(index * 7) % surnames.length]!;
  return `${surname}${givenCharacters[(index * 11) % givenCharacters.length]}${index % 3 === 0 ? '' : givenCharacters[(index * 5 + 3) % givenCharacters.length]}`;
});

export function personName(random: SampleRandom): string {
  if (random.chance(0.08)) return random.pick(mongolianNames);
  const given = random.chance(0.6)
    ? `${random.pick(givenCharacters)}${random.pick(givenCharacters)}`
    : random.pick(givenCharacters);
  return `${random.pick(surnames)}${given}`;
}

/** Hulunbuir's county-level codes (1507xx) for resident ID numbers. */
const areaCodes = [
  '150702',
  '150703',
  '150721',
  '150722',
  '150723',
  '150724',
  '150725',
  '150726',
  '150727',
  '150781',
  '150782',
  '150783',
  '150784',
  '150785',
];
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = '10X98765432';
const creditCharacters = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];

export interface SampleParty {
  name: string;
  role: 'applicant' | 'respondent' | 'third_party';
  idNumber: string;
  phone: string | null;
}

const organisations: Partial<Record<DisputeCategory, string[]>> = {
  lending: ['呼伦贝尔农村商业银行股份有限公司', '海拉尔区小额贷款有限公司', '内蒙古某融资担保有限公司'],
  property_management: ['呼伦贝尔某物业服务有限公司', '海拉尔区某物业管理有限公司'],
  labour: ['呼伦贝尔某乳业有限公司', '满洲里某商贸有限公司', '扎兰屯某建筑工程有限公司'],
  medical: ['呼伦贝尔市某医院', '海拉尔区某社区卫生服务中心'],
  commercial: ['满洲里某进出口贸易有限公司', '呼伦贝尔某肉业有限公司'],
  contract: ['牙克石某建材有限公司', '呼伦贝尔某装饰工程有限公司'],
};
/** Categories where the organisation is the one who claims (a bank, a property company). */
const claimingOrganisations: DisputeCategory[] = ['lending', 'property_management'];

export type PeopleDrawer = ReturnType<typeof createPeopleDrawer>;

/** Draws the people of the ledger; every person and organisation has an ID number of their own. */
export function createPeopleDrawer(random: SampleRandom) {
  const used = new Set<string>();
  const unique = (draw: () => string) => {
    for (;;) {
      const id = draw();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const residentId = () =>
    unique(() => {
      const birth = `${random.integer(1950, 2003)}${String(random.integer(1, 12)).padStart(2, '0')}${String(random.integer(1, 28)).padStart(2, '0')}`;
      const body = `${random.pick(areaCodes)}${birth}${String(random.integer(0, 999)).padStart(3, '0')}`;
      const sum = [...body].reduce((total, digit, index) => total + Number(digit) * idWeights[index]!, 0);
      return `${body}${idCheck[sum % 11]}`;
    });
  const creditCode = () =>
    unique(
      () =>
        `91${random.pick(areaCodes)}${Array.from({ length: 10 }, () => random.pick(creditCharacters)).join('')}`,
    );
  const phone = () =>
    `1${random.pick(['3', '5', '8', '9'])}${String(random.integer(0, 999_999_999)).padStart(9, '0')}`;

  const person = (role: SampleParty['role']): SampleParty => ({
    name: personName(random),
    role,
    idNumber: residentId(),
    phone: random.chance(0.85) ? phone() : null,
  });
  const organisation = (category: DisputeCategory, role: SampleParty['role']): SampleParty => ({
    name: random.pick(organisations[category] ?? ['呼伦贝尔某商贸有限公司']),
    role,
    idNumber: creditCode(),
    phone: random.chance(0.5) ? phone() : null,
  });

  /** Applicant and respondent, sometimes a third party, sometimes nobody named opposite. */
  function partiesFor(kind: 'court' | 'prosecution' | 'other', category: DisputeCategory): SampleParty[] {
    const withOrganisation = kind !== 'prosecution' && category in organisations && random.chance(0.35);
    const organisationClaims = claimingOrganisations.includes(category);
    const applicant =
      withOrganisation && organisationClaims ? organisation(category, 'applicant') : person('applicant');
    const respondent =
      withOrganisation && !organisationClaims ? organisation(category, 'respondent') : person('respondent');
    const parties = [applicant, respondent];
    if (kind === 'prosecution') return parties;
    const roll = random.next();
    if (kind === 'other' && roll < 0.12) parties.pop();
    else if (roll > (kind === 'court' ? 0.9 : 0.92)) parties.push(person('third_party'));
    if (kind === 'other' && roll > 0.99) parties.push(person('third_party'));
    return parties;
  }

  return { person, partiesFor };
}

export const summaries: Record<DisputeCategory, string[]> = {
  family: ['离婚后子女抚养费给付纠纷', '赡养老人费用分担纠纷', '夫妻共同财产分割纠纷', '继承房产分配纠纷'],
  neighbour: ['楼上漏水致楼下墙面受损', '相邻通行道路占用纠纷', '装修噪音扰民纠纷', '宅基地界址争议'],
  property_management: ['拖欠物业费纠纷', '小区停车位管理纠纷', '电梯维修费用分摊纠纷'],
  traffic_accident: ['机动车交通事故人身损害赔偿', '电动自行车与行人碰撞赔偿纠纷', '车辆剐蹭财产损失赔偿'],
  medical: ['手术后遗症赔偿纠纷', '诊疗过错损害赔偿纠纷'],
  labour: ['拖欠劳动报酬纠纷', '解除劳动合同经济补偿纠纷', '工伤待遇赔偿纠纷', '农民工工资追索'],
  contract: ['房屋买卖合同纠纷', '建设工程款结算纠纷', '房屋租赁合同纠纷', '装修合同质量纠纷'],
  lending: ['民间借贷纠纷', '金融借款合同纠纷', '信用卡透支纠纷'],
  commercial: ['买卖合同货款纠纷', '合伙协议纠纷', '商标许可使用费纠纷'],
  land: ['土地承包经营权纠纷', '草场边界争议', '林地流转费用纠纷'],
  consumer: ['网购商品质量纠纷', '预付卡退费纠纷', '旅游服务合同纠纷'],
  administrative: ['征收补偿争议', '行政处罚异议协调'],
  other: ['邻里口角引发轻微伤害赔偿', '宠物伤人赔偿纠纷', '其他民事纠纷'],
};
