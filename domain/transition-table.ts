import type { Stage } from './stages.js';
import { officeStaffRoles, type StaffRole } from './vocabulary.js';

/**
 * The transition table of the closed loop: for each transition, the stages it is legal from, which staff
 * roles may perform it there, and the stage it leads to. Conditions that depend on the case (who is
 * assigned, a pending extension, the follow-up visit) are checked in transitions.ts.
 *
 * C = clerk, M = mediator (only the assigned one), S = supervisor, A = admin, · = illegal from that stage.
 *
 * | transition       | intake | divert  | resolve | link    | dispose | archived | → to     |
 * | ---------------- | ------ | ------- | ------- | ------- | ------- | -------- | -------- |
 * | triage           | C S A  | C S A   | ·       | ·       | ·       | ·        | divert   |
 * | assign           | ·      | C S A   | S A     | ·       | ·       | ·        | divert   |
 * | accept           | ·      | M S A   | ·       | ·       | ·       | ·        | resolve  |
 * | recordSession    | ·      | ·       | M S A   | ·       | ·       | ·        | resolve  |
 * | requestExtension | ·      | ·       | M S A   | ·       | ·       | ·        | resolve  |
 * | decideExtension  | ·      | ·       | S A     | ·       | ·       | ·        | resolve  |
 * | settle           | ·      | C M S A | M S A   | ·       | ·       | ·        | link     |
 * | fail             | ·      | ·       | M S A   | ·       | ·       | ·        | link     |
 * | withdraw         | ·      | C M S A | M S A   | ·       | ·       | ·        | link     |
 * | terminate        | ·      | ·       | M S A   | ·       | ·       | ·        | link     |
 * | referOut         | ·      | C S A   | M S A   | ·       | ·       | ·        | link     |
 * | reject           | C S A  | C S A   | ·       | ·       | ·       | ·        | link     |
 * | close            | ·      | ·       | ·       | C M S A | ·       | ·        | dispose  |
 * | recordFollowUp   | ·      | ·       | ·       | ·       | C M S A | ·        | dispose  |
 * | archive          | ·      | ·       | ·       | ·       | C S A   | ·        | archived |
 *
 * Why these choices:
 * - triage again in divert corrects a misclassified case before a mediator accepts it.
 * - assign in divert is routing (clerk); in resolve it is a reassignment (supervisor), which sends the
 *   case back to divert so that the new mediator accepts it.
 * - settle from divert is "settled on the spot" (当场化解) at the window, by the clerk or the assigned
 *   mediator (e.g. the duty lawyer 值班律师).
 * - every outcome goes to link, even when nothing has to travel: close is the single way into dispose.
 * - a mediator acts only on cases assigned to them (the design's security rule), in every stage.
 * - clerks close and archive the files they keep and record follow-up visits (回访) for cases they
 *   settled on the spot; mediators do not archive. Supervisors and admins may do everything.
 */
export const transitionNames = [
  'triage',
  'assign',
  'accept',
  'recordSession',
  'requestExtension',
  'decideExtension',
  'settle',
  'fail',
  'withdraw',
  'terminate',
  'referOut',
  'reject',
  'close',
  'recordFollowUp',
  'archive',
] as const;
export type TransitionName = (typeof transitionNames)[number];

export const transitionLabelsZh: Record<TransitionName, string> = {
  triage: '分级',
  assign: '指派调解员',
  accept: '接受指派',
  recordSession: '记录调解',
  requestExtension: '申请延期',
  decideExtension: '审批延期',
  settle: '登记调解成功',
  fail: '登记调解不成',
  withdraw: '登记撤回',
  terminate: '终止调解',
  referOut: '转交其他机构',
  reject: '不予受理',
  close: '结案',
  recordFollowUp: '记录回访',
  archive: '归档',
};

interface TransitionRule {
  to: Stage;
  /** Stages the transition is legal from, each with the roles that may perform it there. */
  from: Partial<Record<Stage, readonly StaffRole[]>>;
}

const desk: readonly StaffRole[] = ['clerk', 'supervisor', 'admin'];
const caseWorker: readonly StaffRole[] = ['mediator', 'supervisor', 'admin'];
const oversight: readonly StaffRole[] = ['supervisor', 'admin'];
// Everyone in the offices: a grid worker (网格员) reports leads and changes no case.
const everyone: readonly StaffRole[] = officeStaffRoles;

export const transitionTable: Record<TransitionName, TransitionRule> = {
  triage: { to: 'divert', from: { intake: desk, divert: desk } },
  assign: { to: 'divert', from: { divert: desk, resolve: oversight } },
  accept: { to: 'resolve', from: { divert: caseWorker } },
  recordSession: { to: 'resolve', from: { resolve: caseWorker } },
  requestExtension: { to: 'resolve', from: { resolve: caseWorker } },
  decideExtension: { to: 'resolve', from: { resolve: oversight } },
  settle: { to: 'link', from: { divert: everyone, resolve: caseWorker } },
  fail: { to: 'link', from: { resolve: caseWorker } },
  withdraw: { to: 'link', from: { divert: everyone, resolve: caseWorker } },
  terminate: { to: 'link', from: { resolve: caseWorker } },
  referOut: { to: 'link', from: { divert: desk, resolve: caseWorker } },
  reject: { to: 'link', from: { intake: desk, divert: desk } },
  close: { to: 'dispose', from: { link: everyone } },
  recordFollowUp: { to: 'dispose', from: { dispose: everyone } },
  archive: { to: 'archived', from: { dispose: desk } },
};
