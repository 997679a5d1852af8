/**
 * Grassroots screening (排查): what a grid worker (网格员) reports from a village or community grid, and
 * how the station triages it. Each vocabulary is a const array (zod enums, database checks), its union
 * type and the simplified-Chinese labels people read.
 */

/** 风险等级 of a lead, as the grid worker judges it on the spot. */
export const leadRiskLevels = ['low', 'medium', 'high', 'major'] as const;
export type LeadRiskLevel = (typeof leadRiskLevels)[number];
export const leadRiskLevelLabelsZh: Record<LeadRiskLevel, string> = {
  low: '低',
  medium: '中',
  high: '高',
  major: '重大',
};

/**
 * Where a lead stands: reported (待研判) until the station triages it; watched (关注) when it needs
 * watching but no action yet; mediating (就地调解) once it became a case; escalated (上报) to a higher
 * level with a reason.
 */
export const leadStatuses = ['reported', 'watching', 'mediating', 'escalated'] as const;
export type LeadStatus = (typeof leadStatuses)[number];
export const leadStatusLabelsZh: Record<LeadStatus, string> = {
  reported: '待研判',
  watching: '关注',
  mediating: '就地调解',
  escalated: '已上报',
};

/** What the station may decide about a lead, and the status each decision leads to. */
export const leadTriageActions = ['watch', 'mediate', 'escalate'] as const;
export type LeadTriageAction = (typeof leadTriageActions)[number];
export const leadTriageActionLabelsZh: Record<LeadTriageAction, string> = {
  watch: '关注',
  mediate: '就地调解',
  escalate: '上报',
};
const statusAfter: Record<LeadTriageAction, LeadStatus> = {
  watch: 'watching',
  mediate: 'mediating',
  escalate: 'escalated',
};

/**
 * The triage rule: a reported lead may be watched, mediated or escalated; a watched one mediated or
 * escalated when it develops; a mediated or escalated lead is settled elsewhere (its case, the level
 * above) and takes no further decision. Deciding again what was already decided is a retry ('same'),
 * answered with the lead as it is.
 */
export function leadTriageStep(
  status: LeadStatus,
  action: LeadTriageAction,
): { outcome: 'apply'; to: LeadStatus } | { outcome: 'same' } | { outcome: 'illegal' } {
  const to = statusAfter[action];
  if (status === to) return { outcome: 'same' };
  if (status === 'reported') return { outcome: 'apply', to };
  if (status === 'watching' && action !== 'watch') return { outcome: 'apply', to };
  return { outcome: 'illegal' };
}
