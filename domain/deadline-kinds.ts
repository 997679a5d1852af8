/**
 * What a deadline of a case is for, and what staff call it. One table: the workflow's reminders and
 * overdue notices, the supervisors' lists and the case pages all read their labels here.
 *
 * - stage: the handling period of the triage class (化解期限)
 * - follow_up: the visit after settlement (回访)
 * - supervision: a supervision order's explain-by date (督办)
 * - court_acceptance / court_period / confirmation_window: the court docking (诉调对接)
 * - prosecution: the procuratorate's referral (检调对接)
 * - police_second_round: the window for a second round of public-order mediation (警调对接)
 * - instalment-N: the N-th instalment of a settlement being performed (履行期限)
 * - performance_decision: deciding what follows when a visit finds the agreement not performed
 * - hand_off-N: the N-th hand-off to a partner body (联动): its acknowledgement, then its result
 */
export const fixedDeadlineKinds = [
  'stage',
  'follow_up',
  'supervision',
  'court_acceptance',
  'court_period',
  'confirmation_window',
  'prosecution',
  'police_second_round',
  'performance_decision',
] as const;
export type FixedDeadlineKind = (typeof fixedDeadlineKinds)[number];
export type InstalmentDeadlineKind = `instalment-${number}`;
export type HandOffDeadlineKind = `hand_off-${number}`;
export type DeadlineKind = FixedDeadlineKind | InstalmentDeadlineKind | HandOffDeadlineKind;

const deadlineKindLabelsZh: Record<FixedDeadlineKind, string> = {
  stage: '化解期限',
  follow_up: '回访期限',
  supervision: '督办期限',
  court_acceptance: '法院推送签收期限',
  court_period: '诉调对接调解期限',
  confirmation_window: '司法确认申请期限',
  prosecution: '检调对接调解期限',
  police_second_round: '第二次治安调解期限',
  performance_decision: '协议未履行处置期限',
};

const instalmentPattern = /^instalment-(\d+)$/;

export function instalmentDeadlineKind(n: number): InstalmentDeadlineKind {
  return `instalment-${n}`;
}

/** The label staff read; a kind this version does not know (from a newer one) is shown as it is. */
export function deadlineKindLabelZh(kind: string): string {
  const instalment = instalmentPattern.exec(kind);
  if (instalment) return `第${Number(instalment[1])}期履行期限`;
  const handOff = /^hand_off-(\d+)$/.exec(kind);
  if (handOff) return `第${Number(handOff[1])}次联动移交办理期限`;
  return (deadlineKindLabelsZh as Record<string, string>)[kind] ?? kind;
}
