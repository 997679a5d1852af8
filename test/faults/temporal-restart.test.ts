import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readEnvironment } from '../../config/env.js';
import { resolveTemporalCli } from '../../config/temporal-binaries.js';
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
import { freePort } from '../helpers/ports.js';
import {
  killStartedProcesses,
  type RunningProcess,
  startTemporalDevServerProcess,
  startWorkerProcess,
} from '../helpers/processes.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { type TestSystem, testCallbackSigningKey } from '../helpers/test-system.js';

describe('the Temporal server (dev server, SQLite) is stopped and started again', () => {
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  let cli: string;
  let port: number;
  let dbFilename: string;
  let server: RunningProcess;
  let database: TestDatabase;
  let api: TestSystem;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let accepting = false;
  let clerk: TestUser;
  let mediator: TestUser;
  let unitId: string;
  let court: Awaited<ReturnType<typeof createInstitution>>;
  const taskQueue = `faults-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    const binary = resolveTemporalCli({ ...readEnvironment(), PATH: process.env.PATH });
    if (!binary.path) throw new Error('run `npm run setup` first: the Temporal CLI is not in the cache');
    cli = binary.path;
    folder = await makeTempDir('temporal-restart');
    dbFilename = join(folder.path, 'temporal.sqlite');
    port = await freePort();
    // The court's endpoint answers 500 until the test lets it take deliveries.
    receiver = await startReceiver(() => (accepting ? 200 : 500));
    [server, database] = await Promise.all([
      startTemporalDevServerProcess({ cli, port, dbFilename }),
      createTestDatabase(),
    ]);
    const unit = await createUnit(database.db);
    unitId = unit.id;
    [clerk, mediator] = await Promise.all([
      createStaff(database.db, 'clerk', unit.id),
      createStaff(database.db, 'mediator', unit.id),
    ]);
    court = await createInstitution(database.db, 'court', '满洲里市人民法院');
    api = await startApiWithoutWorker({ database, temporalAddress: `127.0.0.1:${port}`, taskQueue });
  });

  afterAll(async () => {
    await killStartedProcesses();
    await api?.stop();
    await receiver?.close();
    await database?.drop();
    await folder?.remove();
  });

  it('keeps open cases, their deadlines and a pending delivery, and carries on with all of them', async () => {
    const client = caseApi(api);
    const worker = await startWorkerProcess({
      workflowBundlePath: inject('workflowBundlePath'),
      temporalAddress: `127.0.0.1:${port}`,
      databaseUrl: database.url,
      taskQueue,
      callbackSigningKey: testCallbackSigningKey,
    });

    // An ordinary case in mediation, with its stage deadline running.
    const { caseNumber: mediated } = await client.register(clerk.token, {
      source: 'walk_in',
      mediationConsent: { givenBy: ['孙丽'] },
      summary: '婚姻家庭纠纷：抚养费',
      parties: [
        { kind: 'person', name: '孙丽', role: 'applicant' },
        { kind: 'person', name: '吴刚', role: 'respondent' },
      ],
    });
    await client.transition(clerk.token, mediated, 'triage', { triageClass: 'general', category: 'family' });
    await client.transition(clerk.token, mediated, 'assign', { mediatorId: mediator.id });
    await client.transition(mediator.token, mediated, 'accept');
    // A court referral received today: its 3-working-day acceptance deadline is open.
    const fresh = `${api.caseNumberPrefix}-2026-800001`;
    await startCaseWorkflow(
      api.temporal,
      taskQueue,
      overdueCourtReferral({ caseNumber: fresh, court, unitId, callbackUrl: receiver.url, daysAgo: 0 }),
    );
    // A court referral weeks old: it reports the missed deadline to a court endpoint that answers 500.
    const overdue = `${api.caseNumberPrefix}-2026-800002`;
    await startCaseWorkflow(
      api.temporal,
      taskQueue,
      overdueCourtReferral({ caseNumber: overdue, court, unitId, callbackUrl: receiver.url }),
    );
    const deliveryId = `court-${overdue}-3`;
    const attemptsOf = async () =>
      (
        await database.sql<{ attempt: number; status_code: number | null; at: string }[]>`
          select attempt, status_code, at from delivery_attempts where delivery_id = ${deliveryId} order by attempt`
      ).map((row) => ({ ...row, at: new Date(row.at) }));
    await waitUntil(
      'the first delivery attempt failed',
      async () => (await attemptsOf()).length >= 1,
      30_000,
    );
    await waitUntil(
      'the fresh referral is in the read model',
      async () => (await queryCase(api.temporal, fresh)).projectedSeq === 1,
      30_000,
    );

    const cases = [mediated, fresh, overdue];
    const before = await Promise.all(cases.map((caseNumber) => queryCase(api.temporal, caseNumber)));
    expect(before[0]!.deadlines.find((d) => d.kind === 'stage')?.status).toBe('open');
    expect(before[1]!.deadlines.find((d) => d.kind === 'court_acceptance')?.status).toBe('open');
    expect(before[2]!.deadlines.find((d) => d.kind === 'court_acceptance')?.status).toBe('overdue');

    // Stop the server (SIGTERM, as a service manager would), and keep it down for a while.
    const stoppedAt = Date.now();
    await server.stop('SIGTERM', 30_000);
    // The read model does not need Temporal: reads answer; a transition is refused with 503, promptly.
    expect((await client.read(clerk.token, mediated)).stage).toBe('resolve');
    const refusedStartedAt = Date.now();
    const refused = await api.request('POST', `/v1/cases/${mediated}/sessions`, {
      credential: mediator.token,
      body: { heldAt: '2026-11-21T02:00:00Z', summary: '第二次调解' },
    });
    const refusedMs = Date.now() - refusedStartedAt;
    expect(refused.status).toBe(503);
    expect(refusedMs).toBeLessThan(5000);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    await new Promise((resolve) => setTimeout(resolve, 2000));

    server = await startTemporalDevServerProcess({ cli, port, dbFilename });
    const restartedAt = Date.now();

    // The API's connection finds the server again within a few seconds (reconnection backoff is
    // capped at 2 s), and everything is still there, exactly as it was.
    let after: Awaited<ReturnType<typeof queryCase>>[] = [];
    await waitUntil(
      'the API reaches the restarted server',
      async () => {
        after = await Promise.all(cases.map((caseNumber) => queryCase(api.temporal, caseNumber)));
        return true;
      },
      10_000,
    );
    const reconnectMs = Date.now() - restartedAt;
    expect(after).toEqual(before);
    for (const caseNumber of cases) {
      const description = await api.temporal.workflow.getHandle(caseWorkflowId(caseNumber)).describe();
      expect(description.status.name).toBe('RUNNING');
    }

    // The pending delivery's next attempt was a durable retry timer in the server: the court's
    // endpoint now takes deliveries, and that attempt delivers it.
    accepting = true;
    await api.temporal.workflow.getHandle(`delivery-${deliveryId}`).result();
    const attempts = await attemptsOf();
    expect(attempts.map((a) => a.attempt)).toEqual(attempts.map((_, i) => i + 1));
    expect(attempts[0]!.at.getTime()).toBeLessThan(stoppedAt);
    expect(attempts.slice(0, -1).filter((a) => !(a.status_code === 500))).toEqual([]);
    expect(attempts.at(-1)!.status_code).toBe(200);
    expect(attempts.at(-1)!.at.getTime()).toBeGreaterThanOrEqual(restartedAt);
    const toCourt = receiver.received.filter((r) => r.headers['x-feisutong-delivery'] === deliveryId);
    expect(toCourt).toHaveLength(attempts.length);
    expect(toCourt.filter((r) => r.answeredWith === 200)).toHaveLength(1);

    // The cases carry on: the mediation records a session, the fresh referral is signed for and the
    // court is told at once.
    const session = await client.transition(mediator.token, mediated, 'sessions', {
      heldAt: '2026-11-21T02:00:00Z',
      summary: '第二次调解，双方分歧缩小',
    });
    expect(session.seq).toBe(before[0]!.seq + 1);
    const signed = await client.call('POST', `/v1/cases/${fresh}/court/sign-materials`, clerk.token, {}, 200);
    const accepted = (signed.court as { reports: { deliveryId: string }[] }).reports[0]!;
    await api.temporal.workflow.getHandle(`delivery-${accepted.deliveryId}`).result();
    expect((signed.deadlines as { kind: string; status: string }[]).map((d) => [d.kind, d.status])).toEqual(
      expect.arrayContaining([
        ['court_acceptance', 'met'],
        ['court_period', 'open'],
      ]),
    );

    const log = await eventLog(database.sql, cases);
    expect(log.get(mediated)!.map((e) => e.type)).toEqual([
      'registered',
      'triaged',
      'assigned',
      'accepted',
      'session_recorded',
    ]);
    expect(log.get(fresh)!.map((e) => e.type)).toEqual([
      'registered',
      'materials_signed',
      'reported_to_court',
    ]);
    expect(log.get(overdue)!.map((e) => e.type)).toEqual(overdueReferralEvents);
    for (const caseNumber of cases) {
      const seqs = log.get(caseNumber)!.map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      await client.expectReadModelMatchesWorkflow(clerk.token, caseNumber);
    }
    // The same worker process lived through the outage and did the work after it.
    expect(worker.running()).toBe(true);

    console.info(
      JSON.stringify({
        test: 'temporal restart',
        downMs: restartedAt - stoppedAt,
        refusedTransitionMs: refusedMs,
        reconnectMs,
        deliveryAttempts: attempts.length,
      }),
    );
    for (const caseNumber of cases)
      await api.temporal.workflow.getHandle(caseWorkflowId(caseNumber)).terminate('test finished');
    await worker.stop('SIGTERM');
    await server.stop('SIGTERM');
  }, 150_000);
});
