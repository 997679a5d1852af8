/**
 * The centre's controlled vocabularies: each is a const array (for zod enums and database checks),
 * its union type, and the simplified-Chinese label staff see.
 */

/** 分级: triage class, decided at the window like a hospital triage. */
export const triageClasses = ['simple', 'general', 'complex'] as const;
export type TriageClass = (typeof triageClasses)[number];
export const triageClassLabelsZh: Record<TriageClass, string> = {
  simple: '简易',
  general: '一般',
  complex: '复杂',
};

/** 纠纷类别. */
export const disputeCategories = [
  'family',
  'neighbour',
  'property_management',
  'traffic_accident',
  'medical',
  'labour',
  'contract',
  'lending',
  'commercial',
  'land',
  'consumer',
  'administrative',
  'other',
] as const;
export type DisputeCategory = (typeof disputeCategories)[number];
export const disputeCategoryLabelsZh: Record<DisputeCategory, string> = {
  family: '婚姻家庭纠纷',
  neighbour: '邻里纠纷',
  property_management: '物业纠纷',
  traffic_accident: '交通事故纠纷',
  medical: '医疗纠纷',
  labour: '劳动争议',
  contract: '合同纠纷',
  lending: '借贷纠纷',
  commercial: '商事纠纷',
  land: '土地纠纷',
  consumer: '消费纠纷',
  administrative: '行政争议',
  other: '其他纠纷',
};

/** 来源渠道: where the dispute came in. */
export const caseSources = [
  'walk_in',
  'hotline',
  'online',
  'wechat',
  'grid_worker',
  'court',
  'procuratorate',
  'police',
  'department',
] as const;
export type CaseSource = (typeof caseSources)[number];
export const caseSourceLabelsZh: Record<CaseSource, string> = {
  walk_in: '来访',
  hotline: '热线',
  online: '网上申请',
  wechat: '微信',
  grid_worker: '网格员上报',
  court: '法院委派/委托', // 诉调对接
  procuratorate: '检察院移送', // 检调对接
  police: '公安机关移送', // 警调对接
  department: '部门移交',
};

/** 结案方式: the disposition a case is closed with. */
export const dispositions = [
  'settled_written',
  'settled_oral',
  'failed',
  'withdrawn',
  'terminated',
  'referred_out',
  'rejected',
  'transferred_for_filing',
] as const;
export type Disposition = (typeof dispositions)[number];
export const dispositionLabelsZh: Record<Disposition, string> = {
  settled_written: '调解成功（书面协议）',
  settled_oral: '调解成功（口头协议）',
  failed: '调解不成',
  withdrawn: '当事人撤回',
  terminated: '终止调解',
  referred_out: '转交其他机构',
  rejected: '不予受理',
  // 诉调对接: mediation failed, the parties asked, the court filed it; closed with the court's number.
  transferred_for_filing: '转立案',
};

export function isSettled(disposition: Disposition | null): boolean {
  return disposition === 'settled_written' || disposition === 'settled_oral';
}

/**
 * Kinds of unit ("1+18+N"): the centre, its industry mediation stations, township and village points
 * (a grid worker's grid is a point), and circuit mediation teams (巡回调解小分队) that go out to the
 * villages and hold their sessions on site.
 */
export const unitKinds = ['centre', 'station', 'point', 'circuit_team'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitKindLabelsZh: Record<UnitKind, string> = {
  centre: '中心',
  station: '调解站',
  point: '调解点',
  circuit_team: '巡回调解小分队',
};

/** Staff roles. */
export const staffRoles = ['clerk', 'mediator', 'supervisor', 'admin', 'grid_worker'] as const;
export type StaffRole = (typeof staffRoles)[number];
export const staffRoleLabelsZh: Record<StaffRole, string> = {
  clerk: '窗口受理员', // 窗口受理、引导分流岗
  mediator: '调解员',
  supervisor: '中心负责人', // 督办
  admin: '系统管理员',
  // Reports leads from a village or community grid on a phone (排查); sees only their grid's leads.
  grid_worker: '网格员',
};

/** The roles that work in the centre's offices: every staff role but the grid worker, who reaches only the grid page. */
export const officeStaffRoles = [
  'clerk',
  'mediator',
  'supervisor',
  'admin',
] as const satisfies readonly StaffRole[];

/**
 * Institutions with their own machine clients: those that refer cases to the centre (court,
 * procuratorate, police) and the partner bodies the centre hands matters to (联动) and hears back from.
 */
export const institutionKinds = [
  'court',
  'procuratorate',
  'police',
  'legal_aid_centre',
  'labour_arbitration',
  'commercial_arbitration',
  'notary_office',
  'petitions_bureau',
  'administrative_reconsideration',
  'labour_inspection',
  'partner_organisation',
] as const;
export type InstitutionKind = (typeof institutionKinds)[number];
export const institutionKindLabelsZh: Record<InstitutionKind, string> = {
  court: '人民法院',
  procuratorate: '人民检察院',
  police: '公安机关',
  legal_aid_centre: '法律援助中心',
  labour_arbitration: '劳动人事争议仲裁委员会',
  commercial_arbitration: '仲裁委员会',
  notary_office: '公证处',
  petitions_bureau: '信访局',
  administrative_reconsideration: '行政复议机构',
  labour_inspection: '劳动保障监察机构',
  partner_organisation: '协作组织', // 工会、共青团、妇联、行业协会、社会组织
};

/** 资质: what a mediator is qualified as, shown in the directory (调解超市). */
export const mediatorQualifications = [
  'people_mediator',
  'lawyer',
  'duty_lawyer',
  'notary',
  'forensic_appraiser',
  'counsellor',
  'arbitrator',
  'retired_judge',
] as const;
export type MediatorQualification = (typeof mediatorQualifications)[number];
export const mediatorQualificationLabelsZh: Record<MediatorQualification, string> = {
  people_mediator: '人民调解员',
  lawyer: '律师',
  duty_lawyer: '值班律师',
  notary: '公证员',
  forensic_appraiser: '司法鉴定人',
  counsellor: '心理咨询师',
  arbitrator: '仲裁员',
  retired_judge: '退休法官',
};

/** Languages a mediator works in (Hulunbuir: Mongolian, Daur, Ewenki, Russian besides Chinese). */
export const mediationLanguages = ['zh', 'mn', 'dta', 'evn', 'ru'] as const;
export type MediationLanguage = (typeof mediationLanguages)[number];
export const mediationLanguageLabelsZh: Record<MediationLanguage, string> = {
  zh: '汉语',
  mn: '蒙古语',
  dta: '达斡尔语',
  evn: '鄂温克语',
  ru: '俄语',
};
