import type { TestWorkflowEnvironment } from '@temporalio/testing';

/** How often a running skip is checked. */
const checkEveryMs = 30_000;

/** History event types that mean a workflow task is scheduled or running (so the clock is rightly held). */
const workflowTaskInFlight = new Set([5, 6]); // WORKFLOW_TASK_SCHEDULED, WORKFLOW_TASK_STARTED

interface OpenExecutions {
  /** Something the server is rightly waiting for: a pending activity or an unfinished workflow task. */
  inFlight: boolean;
  report: string;
}

/**
 * Every open execution with its pending activities (type, state, attempt, last failure) and its last
 * history events: what a stalled skip waits for.
 */
async function describeOpenExecutions(env: TestWorkflowEnvironment): Promise<OpenExecutions> {
  const service = env.client.workflowService;
  const namespace = env.namespace ?? 'default';
  const open = await service.listOpenWorkflowExecutions({ namespace, maximumPageSize: 100 });
  const lines: string[] = [];
  let inFlight = false;
  for (const info of open.executions ?? []) {
    const execution = info.execution;
    if (!execution) continue;
    const [described, history] = await Promise.all([
      service.describeWorkflowExecution({ namespace, execution }),
      service.getWorkflowExecutionHistory({ namespace, execution, maximumPageSize: 1000 }),
    ]);
    const activities = described.pendingActivities ?? [];
    const events = history.history?.events ?? [];
    const last = events.at(-1);
    if (activities.length > 0 || described.pendingWorkflowTask) inFlight = true;
    if (last?.eventType && workflowTaskInFlight.has(last.eventType)) inFlight = true;
    lines.push(`${execution.workflowId} (${info.type?.name}): ${activities.length} pending activities`);
    for (const activity of activities) {
      lines.push(
        `  activity ${activity.activityType?.name} state ${activity.state} attempt ${activity.attempt}` +
          (activity.lastFailure?.message ? `, last failure: ${activity.lastFailure.message}` : ''),
      );
    }
    for (const event of events.slice(-4)) lines.push(`  event ${event.eventId}: type ${event.eventType}`);
  }
  return { inFlight, report: lines.join('\n') || '(no open executions)' };
}

type TestService = { unlockTimeSkipping(request: object): Promise<unknown> };

/**
 * `env.sleep(ms)` that cannot hang on a leaked time-skipping lock.
 *
 * The time-skipping test server holds its clock while anything is in flight (a workflow task, an
 * activity, a client awaiting a result), counting locks. On a loaded machine it sometimes keeps one
 * lock too many after a story: a skip then stalls — the server's clock moves at wall-clock pace — with
 * no pending activity and no unfinished workflow task anywhere, and the test waits out its time-out.
 * Seen under load in test/workflow/court-deadlines.test.ts; one `unlockTimeSkipping` made the clock
 * jump to the target at once. So every 30 s a skip that has not returned is checked: when the clock
 * moved no faster than the wall clock and nothing is in flight, one lock is released (and said on
 * stderr with what was open); otherwise what is in flight is written and the skip waits on. The test's
 * own time-out still decides when a skip that never returns fails.
 */
export async function sleepReleasingLeakedLocks(
  env: TestWorkflowEnvironment,
  ms: number,
  label: string,
): Promise<void> {
  const started = Date.now();
  let done = false;
  const sleeping = env.sleep(ms).finally(() => {
    done = true;
  });
  const watch = async () => {
    let serverTime = await env.currentTimeMs();
    let wallTime = Date.now();
    while (!done) {
      await Promise.race([sleeping, new Promise((resolve) => setTimeout(resolve, checkEveryMs))]);
      if (done) return;
      const [nowServer, nowWall] = [await env.currentTimeMs(), Date.now()];
      const stalled = nowServer - serverTime <= 2 * (nowWall - wallTime);
      [serverTime, wallTime] = [nowServer, nowWall];
      if (!stalled) continue;
      const open = await describeOpenExecutions(env);
      const waited = Math.round((nowWall - started) / 1000);
      if (open.inFlight) {
        process.stderr.write(
          `[time-skipping] ${label}: a skip has waited ${waited} s for work in flight:\n${open.report}\n`,
        );
        continue;
      }
      const testService = (env.connection as unknown as { testService: TestService }).testService;
      const outcome = await testService.unlockTimeSkipping({}).then(
        () => 'released one leaked time-skipping lock',
        (error: Error) => `could not release a lock (${error.message})`,
      );
      process.stderr.write(
        `[time-skipping] ${label}: a skip stalled for ${waited} s with nothing in flight; ${outcome}. Open:\n${open.report}\n`,
      );
    }
  };
  await Promise.all([sleeping, watch()]);
}
