import { type Stage, stageLabelsZh } from './stages.js';
import {
  type TransitionName,
  transitionLabelsZh,
  transitionNames,
  transitionTable,
} from './transition-table.js';
import {
  type Disposition,
  type InstitutionKind,
  institutionKindLabelsZh,
  isSettled,
  type StaffRole,
  staffRoleLabelsZh,
} from './vocabulary.js';

/** What the rules need to know about a case; the workflow keeps these facts in its state. */
export interface CaseFacts {
  stage: Stage;
  /** The mediator the case is assigned to (指派), if any. */
  assigneeId: string | null;
  /** The outcome recorded by settle/fail/withdraw/terminate/referOut/reject; the disposition at close. */
  outcome: Disposition | null;
  /** A requested extension (延期申请) waits for a supervisor's decision. */
  extensionPending: boolean;
  /** A follow-up visit (回访) has been recorded. */
  followUpRecorded: boolean;
  /** The outcome still has to travel (report to the court or procuratorate, hand-over) before closing. */
  linkPending: boolean;
}

/** Who asks. Institution clients (court, procuratorate, police) may perform no staff transition. */
export interface TransitionActor {
  id: string;
  role: StaffRole | InstitutionKind;
}

export const transitionRefusalCodes = [
  'illegal_transition',
  'forbidden_role',
  'not_assignee',
  'not_assigned',
  'extension_already_pending',
  'no_pending_extension',
  'outcome_required',
  'link_pending',
  'follow_up_required',
] as const;
type TransitionRefusalCode = (typeof transitionRefusalCodes)[number];

/** How the API answers each refusal: 409 wrong stage, 403 not yours to do, 422 a rule says not yet. */
export const transitionRefusalHttpStatus: Record<TransitionRefusalCode, 403 | 409 | 422> = {
  illegal_transition: 409,
  forbidden_role: 403,
  not_assignee: 403,
  not_assigned: 422,
  extension_already_pending: 422,
  no_pending_extension: 422,
  outcome_required: 422,
  link_pending: 422,
  follow_up_required: 422,
};

interface TransitionAllowed {
  ok: true;
  from: Stage;
  to: Stage;
}

interface TransitionRefused {
  ok: false;
  code: TransitionRefusalCode;
  reason: string;
  reasonZh: string;
  currentStage: Stage;
  /** What this actor may do to the case instead, right now. */
  allowed: TransitionName[];
}

type TransitionCheck = TransitionAllowed | TransitionRefused;

type Refusal = Pick<TransitionRefused, 'code' | 'reason' | 'reasonZh'>;

function roleLabelZh(role: string): string {
  return (
    (staffRoleLabelsZh as Record<string, string>)[role] ??
    (institutionKindLabelsZh as Record<string, string>)[role] ??
    role
  );
}

/** Conditions on the case beyond stage and role; undefined when none is violated. */
function caseConditionRefusal(facts: CaseFacts, transition: TransitionName): Refusal | undefined {
  switch (transition) {
    case 'accept':
      if (facts.assigneeId === null) {
        return {
          code: 'not_assigned',
          reason: 'no mediator is assigned to this case yet',
          reasonZh: '案件尚未指派调解员',
        };
      }
      return undefined;
    case 'requestExtension':
      if (facts.extensionPending) {
        return {
          code: 'extension_already_pending',
          reason: 'an extension request is already waiting for a decision',
          reasonZh: '已有待审批的延期申请',
        };
      }
      return undefined;
    case 'decideExtension':
      if (!facts.extensionPending) {
        return {
          code: 'no_pending_extension',
          reason: 'there is no pending extension request to decide',
          reasonZh: '没有待审批的延期申请',
        };
      }
      return undefined;
    case 'close':
      if (facts.outcome === null) {
        return {
          code: 'outcome_required',
          reason: 'the case has no outcome to close with',
          reasonZh: '案件尚无处理结果，不能结案',
        };
      }
      if (facts.linkPending) {
        return {
          code: 'link_pending',
          reason: 'the outcome has not been reported or handed over yet',
          reasonZh: '处理结果尚未反馈或移交完毕，不能结案',
        };
      }
      return undefined;
    case 'archive':
      if (isSettled(facts.outcome) && !facts.followUpRecorded) {
        return {
          code: 'follow_up_required',
          reason: 'a settled case is archived only after its follow-up visit is recorded',
          reasonZh: '调解成功的案件须完成回访后才能归档',
        };
      }
      return undefined;
    default:
      return undefined;
  }
}

function evaluate(facts: CaseFacts, transition: TransitionName, actor: TransitionActor): Refusal | undefined {
  const stage = facts.stage;
  const transitionZh = transitionLabelsZh[transition];
  const roles = transitionTable[transition].from[stage];
  if (roles === undefined) {
    return {
      code: 'illegal_transition',
      reason: `'${transition}' is not possible in stage '${stage}'`,
      reasonZh: `案件处于“${stageLabelsZh[stage]}”阶段，不能${transitionZh}`,
    };
  }
  if (!(roles as readonly string[]).includes(actor.role)) {
    return {
      code: 'forbidden_role',
      reason: `a ${actor.role} may not '${transition}' in stage '${stage}'`,
      reasonZh: `${roleLabelZh(actor.role)}无权在“${stageLabelsZh[stage]}”阶段${transitionZh}`,
    };
  }
  if (actor.role === 'mediator' && facts.assigneeId !== actor.id) {
    return {
      code: 'not_assignee',
      reason: `only the mediator assigned to this case may '${transition}' it`,
      reasonZh: `只有被指派的调解员才能${transitionZh}`,
    };
  }
  return caseConditionRefusal(facts, transition);
}

/**
 * Whether `actor` may perform `transition` on a case with these facts, and the stage it leads to.
 * Checks, in order: legal from the stage (409), the role (403), the assigned mediator (403), the case's
 * conditions (422). Pure: the workflow's update validators and the API both call it.
 */
export function checkTransition(
  facts: CaseFacts,
  transition: TransitionName,
  actor: TransitionActor,
): TransitionCheck {
  const refusal = evaluate(facts, transition, actor);
  if (refusal === undefined) return { ok: true, from: facts.stage, to: transitionTable[transition].to };
  return { ok: false, ...refusal, currentStage: facts.stage, allowed: allowedTransitions(facts, actor) };
}

/** Every transition `actor` may perform on the case right now, in table order. */
export function allowedTransitions(facts: CaseFacts, actor: TransitionActor): TransitionName[] {
  return transitionNames.filter((transition) => evaluate(facts, transition, actor) === undefined);
}
