/**
 * The vocabularies of the centre's services to enterprises (法治化营商环境服务): 法治体检 engagements,
 * their findings, 普法 sessions and the 帮办代办 window's errands; each a const array (zod enums and
 * database checks) and the one simplified-Chinese label table staff see.
 */

/** How an engagement began: the enterprise asked, or the centre's campaign (法律体检专项活动) came. */
export const engagementOrigins = ['request', 'campaign'] as const;
export type EngagementOrigin = (typeof engagementOrigins)[number];
export const engagementOriginLabelsZh: Record<EngagementOrigin, string> = {
  request: '企业申请',
  campaign: '专项活动',
};

/** requested → visited → reported → closed (every finding followed up to its end). */
export const engagementStages = ['requested', 'visited', 'reported', 'closed'] as const;
export type EngagementStage = (typeof engagementStages)[number];
export const engagementStageLabelsZh: Record<EngagementStage, string> = {
  requested: '待上门体检',
  visited: '已体检待出具报告',
  reported: '已出具报告待整改',
  closed: '已办结',
};

/** The matters a visit examines. */
export const healthCheckMatters = [
  'contracts',
  'labour',
  'intellectual_property',
  'tax_compliance',
  'financing',
  'corporate_governance',
  'debt_collection',
  'other',
] as const;
export type HealthCheckMatter = (typeof healthCheckMatters)[number];
export const healthCheckMatterLabelsZh: Record<HealthCheckMatter, string> = {
  contracts: '合同管理',
  labour: '劳动用工',
  intellectual_property: '知识产权',
  tax_compliance: '税务合规',
  financing: '融资',
  corporate_governance: '公司治理',
  debt_collection: '应收账款与债务',
  other: '其他',
};

export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const riskLevelLabelsZh: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };

export const findingStatuses = ['open', 'closed'] as const;
export type FindingStatus = (typeof findingStatuses)[number];
export const findingStatusLabelsZh: Record<FindingStatus, string> = { open: '整改中', closed: '已整改' };
