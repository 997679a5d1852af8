/**
 * `npm run bench:engine`: the API against the engine's own limit, in one run on this machine, on the
 * same Temporal dev server and PostgreSQL. Prints JSON:
 * - registrations per second through the API vs raw `client.workflow.start` (goal: API ≥ 70% of raw):
 *   with `Prefer: respond-async` (answered, like a start, once Temporal holds the case), the same with the
 *   worker process stopped, and the default 201 that waits for the read model;
 * - a transition through the API vs a raw `executeUpdate` of the same Update (goal: API p50 ≤ 1.5× raw);
 * - firing lag of 10,000 durable timers due within the same minute (goal: p99 ≤ 2 s), and of half as many;
 * - the worker's resident memory with 10,000 open cases (goal: ≤ 400 MB).
 * The API and the worker run as their own processes (bin/api.ts, bin/worker.ts), as in production, so
 * their CPU and memory are their own. BENCH_REGISTRATIONS, BENCH_UPDATES, BENCH_TIMERS, BENCH_OPEN_CASES
 * and BENCH_CONCURRENCY change the sizes; BENCH_PROFILE_DIR keeps a CPU profile of the API.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readEnvironment } from '../config/env.js';
import { resolveTemporalCli, toExecutable } from '../config/temporal-binaries.js';
import { connectDatabase } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { migrateDatabase } from '../db/migrate.js';
import { bundleWorkflows } from '../system/worker.js';
import { testLookupHashKey } from '../test/helpers/lookup-key.js';
import { testDataConverter, testPayloadKeysSetting } from '../test/helpers/payload-keys.js';
import { freePort } from '../test/helpers/ports.js';
import { createStaff, createUnit, testTokenSecret } from '../test/helpers/staff.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import {
  awaitProjectionUpdate,
  type CaseRegistration,
  caseWorkflowId,
  transitionUpdates,
} from '../workflows/case.messages.js';
import { inParallel, rssMegabytes } from './engine-stats.js';

const registrations = Number(process.env.BENCH_REGISTRATIONS ?? 300);
const updates = Number(process.env.BENCH_UPDATES ?? 100);
const timers = Number(process.env.BENCH_TIMERS ?? 10_000);
const openCases = Number(process.env.BENCH_OPEN_CASES ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const log = (message: string) => process.stderr.write(`[bench:engine] ${message}\n`);

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! * 100) / 100;
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: Math.round(sorted.at(-1)! * 100) / 100 };
}

const env = readEnvironment();
const folder = await makeTempDir('bench-engine');
const pg = await startEmbeddedPostgres({ dataDir: join(folder.path, 'postgres'), port: await freePort() });
const temporal = await TestWorkflowEnvironment.createLocal({
  server: {
    executable: toExecutable(resolveTemporalCli({ ...env, PATH: process.env.PATH })),
    ip: '127.0.0.1',
    log: { format: 'pretty', level: 'error' },
  },
});
let worker: ChildProcess | undefined;
let api: ChildProcess | undefined;
try {
  await migrateDatabase(pg.url);
  const database = connectDatabase(pg.url, { max: 20 });
  const unit = await createUnit(database.db);
  const [clerk, mediator] = await Promise.all([
    createStaff(database.db, 'clerk', unit.id),
    createStaff(database.db, 'mediator', unit.id),
  ]);
  const taskQueue = 'bench-cases';

  // Bundled here, as the image does at build time (WORKFLOW_BUNDLE_PATH): webpack stays out of the worker.
  const bundlePath = join(folder.path, 'workflow-bundle.js');
  await writeFile(bundlePath, (await bundleWorkflows()).code);
  log('starting the worker process…');
  worker = spawn(process.execPath, ['--import', 'tsx', 'bin/worker.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      LOG_LEVEL: 'info',
      PAYLOAD_ENCRYPTION_KEYS: testPayloadKeysSetting,
      LOOKUP_HASH_KEY: testLookupHashKey,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    worker!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('worker running') && resolve());
    worker!.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
  });

  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rssIdle = rssMegabytes(worker.pid!);
  const connection = await Connection.connect({ address: temporal.address });
  // The raw client encrypts like the API does, so the comparison is of the API alone.
  const client = new Client({ connection, dataConverter: testDataConverter });
  // The API is its own process too (bin/api.ts, as in production): its one thread is not shared with
  // this process's HTTP client and its raw Temporal calls.
  const apiPort = await freePort();
  // BENCH_PROFILE_DIR=…: the API writes a CPU profile there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE_DIR;
  api = spawn(
    process.execPath,
    [...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []), '--import', 'tsx', 'bin/api.ts'],
    {
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        CASE_NUMBER_PREFIX: 'BENCH',
        AUTH_TOKEN_SECRET: testTokenSecret,
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        LOG_LEVEL: 'info',
        PAYLOAD_ENCRYPTION_KEYS: testPayloadKeysSetting,
        LOOKUP_HASH_KEY: testLookupHashKey,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    api!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('API listening') && resolve());
    api!.once('exit', (code) => reject(new Error(`API exited (${code})`)));
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const post = (path: string, body: unknown, token: string, headers: Record<string, string> = {}) =>
    fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  /** Wait until the worker has written `count` cases: each phase starts on a quiet machine. */
  const settled = async (count: number) => {
    for (;;) {
      const [{ n }] = (await database.sql`select count(*)::int as n from cases`) as unknown as [
        { n: number },
      ];
      if (n >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const dispute = {
    source: 'walk_in',
    summary: '基准测试：邻里纠纷',
    parties: [{ kind: 'person', name: '测试人', role: 'applicant' }],
  };
  const registration = (caseNumber: string): CaseRegistration => ({
    caseNumber,
    source: 'walk_in',
    summary: dispute.summary,
    unitId: unit.id,
    parties: dispute.parties as CaseRegistration['parties'],
    registeredBy: { kind: 'staff', id: clerk.id, role: 'clerk', unitId: unit.id },
    registeredAt: new Date().toISOString(),
  });

  // Warm up both paths (bundle caches, connection pools).
  await inParallel(20, 4, async () => post('/v1/cases', dispute, clerk.token));
  await inParallel(20, 4, (i) =>
    client.workflow.start('caseWorkflow', {
      workflowId: caseWorkflowId(`WARM-2026-${String(i).padStart(6, '0')}`),
      taskQueue,
      args: [registration(`WARM-2026-${String(i).padStart(6, '0')}`)],
    }),
  );

  await settled(40);
  log(
    `registrations: ${registrations} raw starts vs ${registrations} API registrations, ${concurrency} at a time…`,
  );
  const rawStarts = async (name: string) => {
    const t = performance.now();
    await inParallel(registrations, concurrency, (i) => {
      const number = `${name}-2026-${String(i).padStart(6, '0')}`;
      return client.workflow.start('caseWorkflow', {
        workflowId: caseWorkflowId(number),
        taskQueue,
        args: [registration(number)],
      });
    });
    return registrations / ((performance.now() - t) / 1000);
  };
  const acceptedRegistrations = async () => {
    const t = performance.now();
    const statuses = await inParallel(
      registrations,
      concurrency,
      async () => (await post('/v1/cases', dispute, clerk.token, { prefer: 'respond-async' })).status,
    );
    if (statuses.some((status) => status !== 202))
      throw new Error(`API registrations (respond-async) failed: ${[...new Set(statuses)]}`);
    return registrations / ((performance.now() - t) / 1000);
  };
  const rawPerSecond = await rawStarts('RAW');
  await settled(40 + registrations);
  const apiAsyncPerSecond = await acceptedRegistrations();
  await settled(40 + 2 * registrations);
  // Again with the worker process stopped (SIGSTOP): neither side shares the two cores with the worker
  // working off the cases just started, so what is left is the API's own cost over a bare start.
  worker.kill('SIGSTOP');
  const rawPausedPerSecond = await rawStarts('RAWP');
  const apiAsyncPausedPerSecond = await acceptedRegistrations();
  worker.kill('SIGCONT');
  await settled(40 + 4 * registrations);
  const started = performance.now();
  const statuses = await inParallel(
    registrations,
    concurrency,
    async () => (await post('/v1/cases', dispute, clerk.token)).status,
  );
  const apiPerSecond = registrations / ((performance.now() - started) / 1000);
  if (statuses.some((status) => status !== 201))
    throw new Error(`API registrations failed: ${[...new Set(statuses)]}`);

  log('where a registration spends its time: one at a time, API vs raw update-with-start…');
  const apiOne: number[] = [];
  const rawOne: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    let t = performance.now();
    await (await post('/v1/cases', dispute, clerk.token)).arrayBuffer();
    apiOne.push(performance.now() - t);
    const number = `ONE-2026-${String(i).padStart(6, '0')}`;
    t = performance.now();
    await client.workflow.executeUpdateWithStart(awaitProjectionUpdate, {
      args: [1],
      startWorkflowOperation: new WithStartWorkflowOperation('caseWorkflow', {
        workflowId: caseWorkflowId(number),
        taskQueue,
        args: [registration(number)],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    rawOne.push(performance.now() - t);
  }

  log(`transitions: ${updates} raw executeUpdate vs ${updates} through the API, one at a time…`);
  const prepare = async () => {
    const response = await post('/v1/cases', dispute, clerk.token);
    const { caseNumber } = (await response.json()) as { caseNumber: string };
    await post(
      `/v1/cases/${caseNumber}/triage`,
      { triageClass: 'general', category: 'neighbour' },
      clerk.token,
    );
    await post(`/v1/cases/${caseNumber}/assign`, { mediatorId: mediator.id }, clerk.token);
    await post(`/v1/cases/${caseNumber}/accept`, {}, mediator.token);
    return caseNumber;
  };
  const [rawCase, apiCase] = [await prepare(), await prepare()];
  const session = { heldAt: new Date().toISOString(), summary: '基准测试调解记录' };
  const rawHandle = client.workflow.getHandle(caseWorkflowId(rawCase));
  const actor = { kind: 'staff' as const, id: mediator.id, role: 'mediator' as const, unitId: unit.id };
  const rawSamples: number[] = [];
  const apiSamples: number[] = [];
  for (let i = 0; i < updates; i += 1) {
    let t = performance.now();
    await rawHandle.executeUpdate(transitionUpdates.recordSession, { args: [{ ...session, actor }] });
    rawSamples.push(performance.now() - t);
    t = performance.now();
    const response = await post(`/v1/cases/${apiCase}/sessions`, session, mediator.token);
    if (response.status !== 200) throw new Error(`API transition answered ${response.status}`);
    await response.arrayBuffer();
    apiSamples.push(performance.now() - t);
  }
  const raw = summarise(rawSamples);
  const viaApi = summarise(apiSamples);

  /** `count` durable timers due spread over one minute; how late each woke, in ms. */
  const timerLag = async (count: number, name: string) => {
    log(`timers: ${count} durable timers due within one minute…`);
    const windowStart = Date.now() + Math.max(60_000, count * 8);
    const handles = await inParallel(count, 64, (i) =>
      client.workflow.start('timerProbeWorkflow', {
        workflowId: `${name}-${i}`,
        taskQueue,
        args: [windowStart + Math.floor((i / count) * 60_000)],
      }),
    );
    // Collected after the window, not awaited during it: thousands of open long-polls for results would
    // load the server that is firing the timers and inflate the very lag being measured.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowStart + 61_000 - Date.now())));
    return summarise(await inParallel(count, 16, (i) => handles[i]!.result() as Promise<number>));
  };
  const lag = await timerLag(timers, 'probe');
  // The same at half the rate: where this machine's dev server and worker keep up.
  const halfLag = await timerLag(Math.round(timers / 2), 'half-probe');

  const rssBeforeOpenCases = rssMegabytes(worker.pid!);
  log(`memory: ${openCases} open cases…`);
  await inParallel(openCases, 64, (i) => {
    const number = `OPEN-2026-${String(i).padStart(6, '0')}`;
    return client.workflow.start('caseWorkflow', {
      workflowId: caseWorkflowId(number),
      taskQueue,
      args: [registration(number)],
    });
  });
  await settled(openCases + 5 * registrations + 40 + 40 + 2);
  const workerRss = rssMegabytes(worker.pid!);

  console.log(
    JSON.stringify(
      {
        machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
        registration: {
          concurrency,
          rawStartsPerSecond: Math.round(rawPerSecond * 10) / 10,
          // Like a raw start, answered once Temporal holds the case (202, Prefer: respond-async).
          apiRespondAsyncPerSecond: Math.round(apiAsyncPerSecond * 10) / 10,
          ratio: Math.round((apiAsyncPerSecond / rawPerSecond) * 100) / 100,
          goalRatio: 0.7,
          met: apiAsyncPerSecond / rawPerSecond >= 0.7,
          // The default 201, answered once the worker has written the case to the read model.
          apiWaitingForReadModelPerSecond: Math.round(apiPerSecond * 10) / 10,
          waitingRatio: Math.round((apiPerSecond / rawPerSecond) * 100) / 100,
          withWorkerStopped: {
            rawStartsPerSecond: Math.round(rawPausedPerSecond * 10) / 10,
            apiRespondAsyncPerSecond: Math.round(apiAsyncPausedPerSecond * 10) / 10,
            ratio: Math.round((apiAsyncPausedPerSecond / rawPausedPerSecond) * 100) / 100,
          },
          oneAtATime: { api: summarise(apiOne), rawUpdateWithStart: summarise(rawOne) },
        },
        transition: {
          raw,
          api: viaApi,
          p50Ratio: Math.round((viaApi.p50Ms / raw.p50Ms) * 100) / 100,
          goalP50Ratio: 1.5,
          met: viaApi.p50Ms <= 1.5 * raw.p50Ms,
        },
        timerLag: {
          timers,
          ...lag,
          goalP99Ms: 2000,
          met: lag.p99Ms <= 2000,
          atHalfTheRate: { timers: Math.round(timers / 2), ...halfLag },
        },
        workerMemory: {
          openCases,
          rssMb: workerRss,
          rssIdleMb: rssIdle,
          rssAfterTimersMb: rssBeforeOpenCases,
          goalMb: 400,
          met: workerRss <= 400,
          maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
        },
      },
      null,
      2,
    ),
  );
  await connection.close();
  await database.close();
} finally {
  worker?.kill('SIGTERM');
  api?.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await temporal.teardown();
  await pg.stop();
  await folder.remove();
}
