import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseWorkflowId } from '../../workflows/case.messages.js';
import { startApiWithoutWorker } from '../helpers/api-only.js';
import { caseApi } from '../helpers/case-api.js';
import {
  eventLog,
  overdueCourtReferral,
  overdueReferralEvents,
  queryCase,
  startCaseWorkflow,
  waitUntil,
} from '../helpers/fault-cases.js';
import {
  killStartedProcesses,
  processAlive,
  type RunningProcess,
  startWorkerProcess,
} from '../helpers/processes.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { type TestSystem, testCallbackSigningKey } from '../helpers/test-system.js';

const staffCases = 100;
const courtCasesBeforeKill = 20;
const courtCasesWhileDown = 20;
/** Each staff case: registered by the API, then these transitions, each an Update through the API. */
const staffTransitions = [
  ['triage', 'triaged'],
  ['assign', 'assigned'],
  ['accept', 'accepted'],
  ['sessions', 'session_recorded'],
] as const;

describe('the worker is killed (kill -9) while 100 cases are mid-transition and deadlines are due', () => {
  let database: TestDatabase;
  let api: TestSystem;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let clerk: TestUser;
  let mediator: TestUser;
  let unitId: string;
  let court: Awaited<ReturnType<typeof createInstitution>>;
  const taskQueue = `faults-${randomBytes(6).toString('hex')}`;
  const temporalAddress = inject('temporalAddress');

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver(() => 200);
    const unit = await createUnit(database.db);
    unitId = unit.id;
    [clerk, mediator] = await Promise.all([
      createStaff(database.db, 'clerk', unit.id),
      createStaff(database.db, 'mediator', unit.id),
      // The unit's supervisor is who an overdue court referral's notice goes to.
      createStaff(database.db, 'supervisor', unit.id),
    ]);
    court = await createInstitution(database.db, 'court', '海拉尔区人民法院');
    api = await startApiWithoutWorker({ database, temporalAddress, taskQueue });
  });

  afterAll(async () => {
    await killStartedProcesses();
    // Leave nothing running on the shared dev server for a later file to trip over.
    await Promise.all(
      allCaseNumbers.map((caseNumber) =>
        api?.temporal.workflow
          .getHandle(caseWorkflowId(caseNumber))
          .terminate('test finished')
          .catch(() => {}),
      ),
    );
    await api?.stop();
    await receiver?.close();
    await database?.drop();
  });

  const allCaseNumbers: string[] = [];

  it('applies every transition exactly once, keeps the read model equal to the workflows, and fires the due deadlines after the restart', async () => {
    const client = caseApi(api);
    const workerSpawnedAt = Date.now();
    let worker: RunningProcess = await startWorkerProcess({
      workflowBundlePath: inject('workflowBundlePath'),
      temporalAddress,
      databaseUrl: database.url,
      taskQueue,
      callbackSigningKey: testCallbackSigningKey,
    });
    const bundleMs = Date.now() - workerSpawnedAt;

    // 100 cases registered through the API while the worker is healthy.
    const registered: string[] = [];
    for (let batch = 0; batch < staffCases; batch += 20) {
      const bodies = await Promise.all(
        Array.from({ length: Math.min(20, staffCases - batch) }, (_, i) =>
          client.register(clerk.token, {
            source: 'walk_in',
            mediationConsent: { givenBy: ['周平'] },
            summary: `物业服务纠纷 ${batch + i}`,
            parties: [
              { kind: 'person', name: '周平', role: 'applicant' },
              { kind: 'organisation', name: '海拉尔某物业公司', role: 'respondent' },
            ],
          }),
        ),
      );
      registered.push(...bodies.map((body) => body.caseNumber));
    }
    allCaseNumbers.push(...registered);
    const registeredAt = Date.now();

    // Every case now takes four transitions in a row, all cases at once; the API answers each only
    // once the workflow has applied it and written it to the read model.
    const inFlight = new Set<string>();
    const answers = new Map<string, { status: number; endedAt: number }[]>();
    const bodyOf: Record<string, unknown> = {
      triage: { triageClass: 'general', category: 'property_management' },
      assign: { mediatorId: mediator.id },
      accept: {},
      sessions: { heldAt: '2026-11-20T02:00:00Z', location: '第一调解室', summary: '双方到场陈述' },
    };
    const chains = registered.map(async (caseNumber) => {
      answers.set(caseNumber, []);
      for (const [path] of staffTransitions) {
        const credential = path === 'triage' || path === 'assign' ? clerk.token : mediator.token;
        inFlight.add(`${caseNumber}/${path}`);
        const response = await api.request('POST', `/v1/cases/${caseNumber}/${path}`, {
          credential,
          body: bodyOf[path],
        });
        await response.body?.cancel();
        inFlight.delete(`${caseNumber}/${path}`);
        answers.get(caseNumber)!.push({ status: response.status, endedAt: Date.now() });
        if (response.status !== 200) return;
      }
    });

    // Court referrals whose acceptance deadline is already due: the workflow acts on it at once.
    const courtCases: string[] = [];
    const startCourtCases = (count: number) =>
      Promise.all(
        Array.from({ length: count }, async () => {
          const caseNumber = `${api.caseNumberPrefix}-2026-${900_001 + courtCases.length}`;
          courtCases.push(caseNumber);
          allCaseNumbers.push(caseNumber);
          await startCaseWorkflow(
            api.temporal,
            taskQueue,
            overdueCourtReferral({ caseNumber, court, unitId, callbackUrl: receiver.url }),
          );
        }),
      );
    await startCourtCases(courtCasesBeforeKill);

    // Kill -9 once a good part of the transitions (but not all) are in the read model.
    const totalExpected = staffCases * (1 + staffTransitions.length) + courtCasesBeforeKill * 3;
    const eventCount = async () =>
      (await database.sql<{ n: number }[]>`select count(*)::int as n from case_events`)[0]!.n;
    await waitUntil(
      'some transitions are in',
      async () => (await eventCount()) >= staffCases * 2.2,
      60_000,
      20,
    );
    worker.child.kill('SIGKILL');
    await worker.exited;
    const killedAt = Date.now();
    const eventsAtKill = await eventCount();
    const inFlightAtKill = new Set(inFlight);
    expect(processAlive(worker.pid)).toBe(false);
    expect(eventsAtKill).toBeLessThan(totalExpected);
    expect(inFlightAtKill.size).toBeGreaterThan(0);

    // While it is down, more referrals arrive with their deadlines due, and nothing moves.
    await startCourtCases(courtCasesWhileDown);
    const whileDown = courtCases.slice(courtCasesBeforeKill);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const eventsWhileDown = await eventCount();

    const restartedAt = Date.now();
    worker = await startWorkerProcess({
      workflowBundlePath: inject('workflowBundlePath'),
      temporalAddress,
      databaseUrl: database.url,
      taskQueue,
      callbackSigningKey: testCallbackSigningKey,
    });

    await Promise.all(chains);
    const caughtUpAt = Date.now();

    // Every request answered 200: the client never needed to retry, so each transition was sent once.
    for (const caseNumber of registered) {
      expect(
        answers.get(caseNumber)!.map((a) => a.status),
        caseNumber,
      ).toEqual([200, 200, 200, 200]);
    }
    const answeredAfterRestart = [...answers.values()].flat().filter((a) => a.endedAt > restartedAt).length;
    expect(answeredAfterRestart).toBeGreaterThanOrEqual(inFlightAtKill.size);

    // The court cases finish acting on their due deadlines (event written, report delivered).
    await waitUntil(
      'every court case has reported its overdue acceptance to the court',
      async () => {
        const views = await Promise.all(courtCases.map((caseNumber) => queryCase(api.temporal, caseNumber)));
        return views.every((view) => view.seq === 3 && view.projectedSeq === 3);
      },
      60_000,
    );
    await Promise.all(
      courtCases.map((caseNumber) =>
        api.temporal.workflow.getHandle(`delivery-court-${caseNumber}-3`).result(),
      ),
    );

    const courtDoneAt = Date.now();
    // Exactly the expected events, once each, numbered 1..n without a gap, per case.
    const log = await eventLog(database.sql, [...registered, ...courtCases]);
    const expectedStaff = ['registered', ...staffTransitions.map(([, type]) => type)];
    for (const caseNumber of registered) {
      const events = log.get(caseNumber)!;
      expect(
        events.map((e) => e.type),
        caseNumber,
      ).toEqual(expectedStaff);
      expect(
        events.map((e) => e.seq),
        caseNumber,
      ).toEqual([1, 2, 3, 4, 5]);
    }
    for (const caseNumber of courtCases) {
      const events = log.get(caseNumber)!;
      expect(
        events.map((e) => e.type),
        caseNumber,
      ).toEqual(overdueReferralEvents);
      expect(
        events.map((e) => e.seq),
        caseNumber,
      ).toEqual([1, 2, 3]);
    }
    // Deadlines that fell due while no worker ran were acted on after the restart, once.
    for (const caseNumber of whileDown) {
      const overdue = log.get(caseNumber)!.find((e) => e.type === 'deadline_overdue')!;
      expect(overdue.at.getTime()).toBeGreaterThanOrEqual(restartedAt - 1000);
    }

    // The records each event carries, once: one session per case, one overdue notice per court
    // case and recipient, one logical delivery per court report, delivered.
    const sessions = await database.sql<{ case_number: string; n: number }[]>`
      select case_number, count(*)::int as n from case_sessions
      where case_number = any(${registered}) group by case_number`;
    expect(sessions).toHaveLength(staffCases);
    expect(sessions.filter((row) => !(row.n === 1))).toEqual([]);
    const notices = await database.sql<{ case_number: string; n: number }[]>`
      select case_number, count(*)::int as n from notifications
      where case_number = any(${courtCases}) and kind = 'deadline_overdue' group by case_number`;
    expect(notices).toHaveLength(courtCases.length);
    const recipients = notices[0]!.n;
    expect(recipients).toBeGreaterThanOrEqual(1);
    expect(notices.filter((row) => !(row.n === recipients))).toEqual([]);
    const deliveries = await database.sql<{ id: string; status: string }[]>`
      select id, status from deliveries where case_number = any(${courtCases}) order by id`;
    expect(deliveries.map((d) => d.id)).toEqual(courtCases.map((c) => `court-${c}-3`).sort());
    expect(deliveries.filter((d) => !(d.status === 'delivered'))).toEqual([]);
    const deliveredIds = new Set(receiver.received.map((r) => String(r.headers['x-feisutong-delivery'])));
    expect(deliveredIds).toEqual(new Set(deliveries.map((d) => d.id)));

    // The read model answers exactly what each workflow holds.
    for (const caseNumber of [...registered, ...courtCases]) {
      await client.expectReadModelMatchesWorkflow(clerk.token, caseNumber);
    }
    const courtViews = await Promise.all(courtCases.map((caseNumber) => queryCase(api.temporal, caseNumber)));
    for (const view of courtViews) {
      expect(view.deadlines.find((d) => d.kind === 'court_acceptance')?.status).toBe('overdue');
    }

    // What the kill interrupted, from the histories: workflow tasks that timed out with the worker,
    // and activities that were running there and ran again (attempt > 1) on the new one.
    let workflowTasksTimedOut = 0;
    let activitiesRetried = 0;
    for (const caseNumber of [...registered, ...courtCases]) {
      const history = await api.temporal.workflow.getHandle(caseWorkflowId(caseNumber)).fetchHistory();
      for (const event of history.events ?? []) {
        if (event.workflowTaskTimedOutEventAttributes) workflowTasksTimedOut += 1;
        if ((event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1) activitiesRetried += 1;
      }
    }
    expect(workflowTasksTimedOut).toBeGreaterThan(0);

    console.info(
      JSON.stringify({
        workflowTasksTimedOut,
        activitiesRetried,
        test: 'worker kill -9',
        workerStartMs: bundleMs,
        eventsAtKill,
        eventsWhileDown,
        totalEvents: totalExpected + courtCasesWhileDown * 3,
        inFlightAtKill: inFlightAtKill.size,
        registerMs: registeredAt - workerSpawnedAt - bundleMs,
        untilKillMs: killedAt - registeredAt,
        downMs: restartedAt - killedAt,
        recoveryMs: caughtUpAt - restartedAt,
        courtCasesDoneMs: courtDoneAt - caughtUpAt,
        checksMs: Date.now() - courtDoneAt,
      }),
    );
    expect(eventsWhileDown).toBe(eventsAtKill);
    await worker.stop('SIGTERM');
  }, 300_000); // about 600 API calls, two worker starts and 40 deliveries: minutes on a loaded laptop
});
