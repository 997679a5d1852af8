import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Database } from '../../db/client.js';
import { Refusal } from '../../domain/refusals.js';
import { type Actor, type CaseView, caseWorkflowId } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { type CaseReach, caseReachOf } from './case-access.js';
import { loadCase, type StoredCase } from './read-case.js';
import { refusalFromUpdateFailure } from './update-failure.js';

export interface CaseUpdateDependencies {
  db: Database;
  temporal: Client;
}

export interface CaseUpdateOptions {
  /**
   * Checks of the input against the case and the caller's reach that the workflow cannot make itself
   * (references to rows in PostgreSQL, the units a supervisor supervises, the day the case was
   * received): run after the case is found to be the caller's, before anything is sent.
   */
  check?: (found: StoredCase, reach: CaseReach) => void | Promise<void>;
  /** Temporal deduplicates Updates by id: a retry with the same id gets the first Update's outcome. */
  updateId?: string;
}

/** Who the workflow records as having done it. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'staff'
    ? { kind: 'staff', id: principal.userId, role: principal.role, unitId: principal.unitId }
    : { kind: 'institution', id: principal.institutionId, role: principal.institutionKind };
}

const archived = () =>
  new Refusal('illegal_transition', {
    detail: 'The case is archived.',
    reasonZh: '案件已归档，不能再变更',
    currentStage: 'archived',
    allowed: [],
  });

/**
 * The one way to change a case. The case must exist and be the caller's to touch: a supervisor's only
 * if it lies in a unit they supervise (the workflow is told so: a centre supervises its stations), an
 * institution's only if it referred it or a hand-off (联动) of it is addressed to it; an archived or
 * imported case takes nothing. The workflow's validator decides the rest. Answers the case as the workflow holds it after the change, once the
 * read model has it; a refusal of the workflow comes back as the registry's refusal.
 */
export async function sendCaseUpdate<I extends object>(
  deps: CaseUpdateDependencies,
  principal: Principal,
  caseNumber: string,
  definition: UpdateDefinition<CaseView, [I & { actor: Actor }]>,
  input: I,
  options: CaseUpdateOptions = {},
): Promise<{ view: CaseView; reach: CaseReach }> {
  const found = await loadCase(deps.db, caseNumber, deps.temporal);
  const notFound = new Refusal('not_found', { detail: `No case ${caseNumber}.` });
  if (!found) throw notFound;
  const reach = await caseReachOf(deps.db, principal);
  let actor = actorOf(principal);
  if (principal.kind === 'institution') {
    const referredIt = found.view.referral?.institutionId === principal.institutionId;
    const receivesIt = (found.view.handOffs ?? []).some(
      (handOff) => handOff.institution.id === principal.institutionId,
    );
    if (!referredIt && !receivesIt) throw notFound;
  } else if (principal.role === 'supervisor') {
    const supervised = reach.supervised ?? [];
    if (!found.unitId || (supervised !== 'all' && !supervised.includes(found.unitId))) {
      throw new Refusal('forbidden_unit', { detail: 'The case belongs to a unit you do not supervise.' });
    }
    actor = { ...actor, scopeUnitIds: [found.unitId] };
  }
  if (found.stage === 'archived' || found.origin === 'import') throw archived();
  await options.check?.(found, reach);
  try {
    const view = await deps.temporal.workflow
      .getHandle(caseWorkflowId(caseNumber))
      .executeUpdate(definition, {
        args: [{ ...input, actor }],
        ...(options.updateId ? { updateId: options.updateId } : {}),
      });
    return { view, reach };
  } catch (error) {
    throw refusalFromUpdateFailure(error) ?? error;
  }
}
