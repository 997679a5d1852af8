import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { DeliverySettings } from '../../activities/deliveries/deliver.js';
import { type CaseActivities, createActivities } from '../../activities/index.js';
import type { TransitionName } from '../../domain/transition-table.js';
import {
  type Actor,
  type CaseRegistration,
  type CaseView,
  caseWorkflowId,
  getCaseQuery,
  type TransitionInputs,
  transitionUpdates,
} from '../../workflows/case.messages.js';
import type { CaseWorkflowOptions, caseWorkflow } from '../../workflows/case.workflow.js';
import { testOutboundPolicy } from './outbound.js';
import { createStaff, createUnit, type TestUser } from './staff.js';
import { sleepReleasingLeakedLocks } from './stalled-skip.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createTimeSkippingEnvironment } from './time-skipping.js';

export interface CaseWorkflowHarness {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  /** Run `story` with a worker polling the harness's task queue (a worker runs once, so one per story). */
  run<T>(story: () => Promise<T>): Promise<T>;
  taskQueue: string;
  unitId: string;
  clerk: TestUser;
  mediator: TestUser;
  supervisor: TestUser;
  actor(user: TestUser): Actor;
  start(
    caseNumber: string,
    options?: CaseWorkflowOptions,
    overrides?: Partial<CaseRegistration>,
  ): Promise<WorkflowHandle<typeof caseWorkflow>>;
  transition<T extends TransitionName>(
    handle: WorkflowHandle,
    name: T,
    user: TestUser,
    input: TransitionInputs[T],
  ): Promise<CaseView>;
  view(handle: WorkflowHandle): Promise<CaseView>;
  /**
   * The view once `ready` holds for it (the workflow handles a fired timer in its own time after a
   * skip), or the last view read when the time runs out, so the test's assertion shows what differs.
   */
  viewWhen(handle: WorkflowHandle, ready: (view: CaseView) => boolean, timeoutMs?: number): Promise<CaseView>;
  /** Skip time until `epochMs` (+ a margin) on the test server. */
  skipUntil(epochMs: number, marginMs?: number): Promise<void>;
  teardown(): Promise<void>;
}

/** The case workflow on the time-skipping server with the real activities on a fresh database. */
export async function createCaseWorkflowHarness(
  options: {
    deliveries?: DeliverySettings;
    /** Wrap the real activities, e.g. to make a look-up fail for a while. */
    wrapActivities?: (activities: CaseActivities) => CaseActivities;
  } = {},
): Promise<CaseWorkflowHarness> {
  const [env, database] = await Promise.all([createTimeSkippingEnvironment(), createTestDatabase()]);
  let taskQueue = `cases-${randomBytes(4).toString('hex')}`;
  const started: WorkflowHandle[] = [];
  const unit = await createUnit(database.db);
  const [clerk, mediator, supervisor] = await Promise.all([
    createStaff(database.db, 'clerk', unit.id),
    createStaff(database.db, 'mediator', unit.id),
    createStaff(database.db, 'supervisor', unit.id),
  ]);
  const actor = (user: TestUser): Actor => ({
    kind: 'staff',
    id: user.id,
    role: user.role,
    unitId: user.unitId,
  });

  return {
    env,
    database,
    async run(story) {
      // A fresh task queue per story: no sticky task of an earlier worker is left waiting for it.
      taskQueue = `cases-${randomBytes(4).toString('hex')}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { codePath: inject('workflowBundlePath') },
        activities: (options.wrapActivities ?? ((activities) => activities))(
          createActivities({
            db: database.db,
            deliveries: { outbound: testOutboundPolicy, ...options.deliveries },
          }),
        ),
      });
      try {
        return await worker.runUntil(story);
      } finally {
        // Stories end their cases, so no timer of theirs fires in a later story without a worker.
        for (const handle of started.splice(0))
          await handle.terminate('story finished').catch(() => undefined);
      }
    },
    get taskQueue() {
      return taskQueue;
    },
    unitId: unit.id,
    clerk,
    mediator,
    supervisor,
    actor,
    async start(caseNumber, options = {}, overrides = {}) {
      const registration: CaseRegistration = {
        caseNumber,
        source: 'walk_in',
        summary: '相邻关系纠纷：排水管堵塞致楼下受损',
        unitId: unit.id,
        parties: [
          { kind: 'person', name: '刘洋', role: 'applicant' },
          { kind: 'person', name: '陈静', role: 'respondent' },
        ],
        registeredBy: actor(clerk),
        registeredAt: new Date(await env.currentTimeMs()).toISOString(),
        // The applicant asked for mediation at the window: without it no mediator could accept the case.
        mediationConsent: {
          givenBy: ['刘洋'],
          recordedAt: new Date(await env.currentTimeMs()).toISOString(),
        },
        ...overrides,
      };
      const handle = await env.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
        workflowId: caseWorkflowId(caseNumber),
        taskQueue,
        args: [registration, undefined, options],
      });
      started.push(handle);
      return handle;
    },
    transition(handle, name, user, input) {
      const update = transitionUpdates[name] as (typeof transitionUpdates)['accept'];
      return handle.executeUpdate(update, { args: [{ ...(input as object), actor: actor(user) } as never] });
    },
    view: (handle) => handle.query(getCaseQuery),
    async viewWhen(handle, ready, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const view = await handle.query(getCaseQuery);
        if (ready(view) || Date.now() > deadline) return view;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async skipUntil(epochMs, marginMs = 60_000) {
      const now = await env.currentTimeMs();
      if (epochMs + marginMs > now) await sleepReleasingLeakedLocks(env, epochMs + marginMs - now, taskQueue);
    },
    async teardown() {
      await env.teardown();
      await database.drop();
    },
  };
}
