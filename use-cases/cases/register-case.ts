import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import { allocateCaseNumberForUnit } from '../../db/queries/allocate-case-number.js';
import { refuseField } from '../../domain/refusals.js';
import type { CaseSource } from '../../domain/vocabulary.js';
import {
  type Actor,
  awaitProjectionUpdate,
  type CaseRegistration,
  caseWorkflowId,
  type DuplicateOverride,
  type FlagGreenChannelInput,
  type PartyInput,
} from '../../workflows/case.messages.js';
import type { caseWorkflow } from '../../workflows/case.workflow.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { enterpriseForGreenChannel } from '../green-channel/enterprise-for-green-channel.js';
import { unitOfActiveMediator } from '../public/public-directory.js';
import { caseReachOf } from './case-access.js';
import { type CaseResponse, toCaseResponse } from './case-response.js';
import {
  claimIdempotencyKey,
  type IdempotentRequest,
  rememberAnswer,
  rememberState,
  type StoredAnswer,
} from './idempotency-keys.js';
import { actorOf } from './send-case-update.js';
import { assertUnitWithinReach } from './unit-reference.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

interface RegisterCaseDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  caseNumberPrefix: string;
}

/** A dispute as staff register it (接案). */
export interface RegisterCaseInput {
  /** Channel the dispute came in through (来源渠道). */
  source: CaseSource;
  summary: string;
  /** Unit that takes the case; defaults to the registering clerk's. */
  unitId?: string | undefined;
  parties: PartyInput[];
  /** 标的额 in fen, when the dispute is about money or property. */
  claimAmountFen?: number | undefined;
  /** Who applied for or agreed to mediation (申请/同意调解): names of parties of this case. */
  mediationConsent?: { givenBy: string[] } | undefined;
  /** Registering despite open cases of the same party, with the reason (recorded on the case). */
  duplicateOverride?: DuplicateOverride | undefined;
  /** The mediator the parties chose from the directory (当事人选择). */
  chosenMediatorId?: string | undefined;
  /** 涉企绿色通道: a registered enterprise that is one of the parties. */
  greenChannel?: { enterpriseId: string } | undefined;
}

interface NumberingInput {
  source: CaseSource;
  summary: string;
  unitId: string;
  parties: PartyInput[];
  claimAmountFen?: number | undefined;
  mediationConsent?: { givenBy: string[] } | undefined;
  duplicateOverride?: DuplicateOverride | undefined;
  chosenMediatorId?: string | undefined;
  greenChannel?: FlagGreenChannelInput | undefined;
  actor: Actor;
}

/**
 * The case's unit and who registered it: a user without a unit must name one; a unit named must be
 * within the registering supervisor's reach.
 */
async function numberingInput(
  db: Database,
  principal: StaffPrincipal,
  input: RegisterCaseInput,
): Promise<NumberingInput> {
  const unitId = input.unitId ?? principal.unitId;
  if (!unitId) refuseField('unit_required', 'unitId', 'required when the registering user has no unit');
  if (input.unitId !== undefined) await assertUnitWithinReach(db, principal, input.unitId);
  const names = new Set(input.parties.map((party) => party.name));
  for (const name of input.mediationConsent?.givenBy ?? [])
    if (!names.has(name))
      refuseField(
        'validation_failed',
        'mediationConsent.givenBy',
        'names a person who is not a party of the case',
      );
  if (input.chosenMediatorId && (await unitOfActiveMediator(db, input.chosenMediatorId)) === undefined)
    refuseField('not_a_mediator', 'chosenMediatorId', 'no active mediator has this id');
  const greenChannel = input.greenChannel
    ? await enterpriseForGreenChannel(
        db,
        input.greenChannel.enterpriseId,
        'greenChannel.enterpriseId',
        input.parties,
      )
    : undefined;
  return {
    source: input.source,
    summary: input.summary,
    unitId,
    parties: input.parties,
    claimAmountFen: input.claimAmountFen,
    mediationConsent: input.mediationConsent,
    duplicateOverride: input.duplicateOverride,
    chosenMediatorId: input.chosenMediatorId,
    greenChannel,
    actor: actorOf(principal),
  };
}

/** What a registration answers: the case (201) or its number (202); `replayed` for a keyed retry. */
export type RegistrationAnswer<T> = { body: T; replayed: boolean };

/**
 * Number the case and start its workflow. Update-with-start answers only once the workflow has
 * written the case to the read model, so a GET right after the 201 finds it. With an Idempotency-Key
 * a retry gets the first answer, or, when the first request died after numbering its case, finishes
 * that very case instead of opening a second one.
 */
export async function registerCase(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  input: RegisterCaseInput,
  idempotency?: IdempotentRequest,
): Promise<RegistrationAnswer<CaseResponse>> {
  const numbered = await numberOrResume(deps, await numberingInput(deps.db, principal, input), idempotency);
  if ('answer' in numbered) return { body: numbered.answer.body as CaseResponse, replayed: true };
  const { registration } = numbered;
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
    workflowId: caseWorkflowId(registration.caseNumber),
    taskQueue: deps.taskQueue,
    args: [registration],
    workflowIdConflictPolicy: idempotency ? 'USE_EXISTING' : 'FAIL',
  });
  const view = await deps.temporal.workflow.executeUpdateWithStart(awaitProjectionUpdate, {
    args: [1],
    startWorkflowOperation,
  });
  const body = toCaseResponse(view, await caseReachOf(deps.db, principal));
  if (idempotency) await rememberAnswer(deps.db, idempotency, { status: 201, body });
  return { body, replayed: false };
}

/**
 * Register a dispute that came in without a member of staff (an online application from the public
 * channel): the caller has read the input and chosen the unit, and the registering actor is the
 * channel itself. Keyed like an API registration, so a retry after a crash finishes the very case the
 * first request numbered. Answers once the read model has the case.
 */
export async function registerCaseFromChannel(
  deps: RegisterCaseDependencies,
  actor: Actor,
  input: RegisterCaseInput & { unitId: string },
  idempotency: IdempotentRequest,
): Promise<RegistrationAnswer<{ caseNumber: string }>> {
  const numbered = await numberOrResume(
    deps,
    {
      source: input.source,
      summary: input.summary,
      unitId: input.unitId,
      parties: input.parties,
      claimAmountFen: input.claimAmountFen,
      mediationConsent: input.mediationConsent,
      actor,
    },
    idempotency,
  );
  if ('answer' in numbered) return { body: numbered.answer.body as { caseNumber: string }, replayed: true };
  const { registration } = numbered;
  await deps.temporal.workflow.executeUpdateWithStart(awaitProjectionUpdate, {
    args: [1],
    startWorkflowOperation: new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
      workflowId: caseWorkflowId(registration.caseNumber),
      taskQueue: deps.taskQueue,
      args: [registration],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
  const body = { caseNumber: registration.caseNumber };
  await rememberAnswer(deps.db, idempotency, { status: 201, body });
  return { body, replayed: false };
}

/**
 * Number the case and start its workflow without waiting for the worker (`Prefer: respond-async`, for
 * bulk intake channels): once Temporal has accepted the start the case cannot be lost, and it answers
 * reads at once from the workflow itself until the read model has it (see loadCase).
 */
export async function acceptCaseRegistration(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  input: RegisterCaseInput,
  idempotency?: IdempotentRequest,
): Promise<RegistrationAnswer<{ caseNumber: string }>> {
  const numbered = await numberOrResume(deps, await numberingInput(deps.db, principal, input), idempotency);
  if ('answer' in numbered) return { body: numbered.answer.body as { caseNumber: string }, replayed: true };
  const { registration } = numbered;
  await deps.temporal.workflow.start<typeof caseWorkflow>('caseWorkflow', {
    workflowId: caseWorkflowId(registration.caseNumber),
    taskQueue: deps.taskQueue,
    args: [registration],
    workflowIdConflictPolicy: idempotency ? 'USE_EXISTING' : 'FAIL',
  });
  const body = { caseNumber: registration.caseNumber };
  if (idempotency) await rememberAnswer(deps.db, idempotency, { status: 202, body });
  return { body, replayed: false };
}

/**
 * The case's registration, numbered now, or as an earlier request with the same key numbered it; or
 * that request's answer. The key is claimed and the number drawn in one transaction: a concurrent
 * retry waits for it and finds the same case, and a refused registration (no such unit) leaves neither
 * the key nor a number behind.
 */
async function numberOrResume(
  deps: RegisterCaseDependencies,
  input: NumberingInput,
  idempotency: IdempotentRequest | undefined,
): Promise<{ registration: CaseRegistration } | { answer: StoredAnswer }> {
  if (!idempotency)
    return { registration: await numberedRegistration(deps.db, deps.caseNumberPrefix, input) };
  return deps.db.transaction(async (tx) => {
    const earlier = await claimIdempotencyKey(tx, idempotency);
    if (earlier?.answered) return { answer: earlier.answer };
    if (earlier?.state) return { registration: earlier.state as CaseRegistration };
    const registration = await numberedRegistration(tx, deps.caseNumberPrefix, input);
    await rememberState(tx, idempotency, registration);
    return { registration };
  });
}

async function numberedRegistration(
  db: Database | Transaction,
  caseNumberPrefix: string,
  input: NumberingInput,
): Promise<CaseRegistration> {
  const now = new Date();
  // The unit is checked in the same statement that numbers the case: its projection could never
  // write a case of no unit, and an unknown unit takes no number.
  const caseNumber = await allocateCaseNumberForUnit(db, caseNumberPrefix, now, input.unitId);
  if (!caseNumber) refuseField('unknown_unit', 'unitId', 'no unit has this id');
  return {
    caseNumber,
    source: input.source,
    summary: input.summary,
    unitId: input.unitId,
    parties: input.parties,
    registeredBy: input.actor,
    registeredAt: now.toISOString(),
    ...(input.claimAmountFen !== undefined ? { claimAmountFen: input.claimAmountFen } : {}),
    ...(input.mediationConsent
      ? { mediationConsent: { givenBy: input.mediationConsent.givenBy, recordedAt: now.toISOString() } }
      : {}),
    ...(input.duplicateOverride ? { duplicateOverride: input.duplicateOverride } : {}),
    ...(input.chosenMediatorId ? { chosenMediatorId: input.chosenMediatorId } : {}),
    ...(input.greenChannel
      ? { greenChannel: { ...input.greenChannel, flaggedBy: input.actor.id, flaggedAt: now.toISOString() } }
      : {}),
  };
}
