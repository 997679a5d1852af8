/**
 * Stages of the centre's closed loop 接案 → 分流 → 化解 → 联动 → 处置, plus the terminal archive.
 *
 * - intake:   registered, not yet triaged.
 * - divert:   triaged; being routed to a unit and mediator, not yet accepted by one.
 * - resolve:  the assigned mediator accepted; mediating.
 * - link:     an outcome is reached (settled, failed, withdrawn, terminated, referred out, rejected)
 *             and is travelling: reported to the referring court or procuratorate, sent for judicial
 *             confirmation, handed to another department.
 * - dispose:  closed with its disposition; awaiting (or past) the follow-up visit.
 * - archived: terminal; nothing changes any more.
 */
export const stages = ['intake', 'divert', 'resolve', 'link', 'dispose', 'archived'] as const;
export type Stage = (typeof stages)[number];

export const stageLabelsZh: Record<Stage, string> = {
  intake: '接案',
  divert: '分流',
  resolve: '化解',
  link: '联动',
  dispose: '处置',
  archived: '已归档',
};
