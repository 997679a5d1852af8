/**
 * `npm run bench:engines`: the project measured on both engines in one run — the Temporal CLI's dev
 * server (SQLite, one worker, one API: what `npm start` runs) and the production topology (the Temporal
 * server on PostgreSQL with 8 history shards, two workers, two API copies: what `npm run test:topology`
 * and docker-compose.yml run). For each engine, stepping the rate (BENCH_RATES, default 1,000, 2,500,
 * 5,000 and 10,000 a minute; a step is skipped once a lower rate missed):
 * - bare probe timers due at that rate for one minute: how late each woke (workflow time);
 * - real case deadlines at that rate: court referrals whose 3-working-day acceptance deadline is already
 *   due, started at that rate; each firing marks the case overdue, projects it, notifies the supervisor
 *   and reports to the court. Lag is from the moment the case was due to run until the overdue event is
 *   visible in the read model (polled every 250 ms);
 * - the highest rate held at p99 ≤ 2 s for each;
 * - registration through the API (`Prefer: respond-async`, spread over the API copies) against raw
 *   `client.workflow.start` (goal: ≥ 0.7 of raw), and the workers' memory with the cases left open;
 * - for each step, the CPU seconds the workers, API copies, Temporal server and PostgreSQL used during it.
 * Prints JSON. BENCH_ENGINES=dev,topology chooses the engines; BENCH_REGISTRATIONS the registrations;
 * BENCH_WORKER_CPU_PROF=<folder> has the dev engine's worker write V8 CPU profiles (where a firing's
 * work goes; it slows the worker, so not for the figures).
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readEnvironment } from '../config/env.js';
import { resolveTemporalCli, toExecutable } from '../config/temporal-binaries.js';
import { connectDatabase, type DatabaseConnection } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { migrateDatabase } from '../db/migrate.js';
import { bundleWorkflows } from '../system/worker.js';
import { overdueCourtReferral } from '../test/helpers/fault-cases.js';
import { testDataConverter } from '../test/helpers/payload-keys.js';
import { freePort } from '../test/helpers/ports.js';
import { killStartedProcesses, type RunningProcess, startWorkerProcess } from '../test/helpers/processes.js';
import { startReceiver } from '../test/helpers/receiver.js';
import { createInstitution, createStaff, createUnit } from '../test/helpers/staff.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import { startApiProcess, startProductionTopology } from '../test/topology/production-topology.js';
import { type CaseRegistration, caseWorkflowId } from '../workflows/case.messages.js';
import {
  cpuSecondsByComponent,
  cpuUsedBetween,
  inParallel,
  rssMegabytes,
  summarise,
} from './engine-stats.js';

const rates = (process.env.BENCH_RATES ?? '1000,2500,5000,10000').split(',').map(Number);
const engines = (process.env.BENCH_ENGINES ?? 'dev,topology').split(',');
const registrations = Number(process.env.BENCH_REGISTRATIONS ?? 300);
const cpuProfileFolder = process.env.BENCH_WORKER_CPU_PROF;
const goalP99Ms = 2000;
const log = (message: string) => process.stderr.write(`[bench:engines] ${message}\n`);
const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

interface Engine {
  name: string;
  description: string;
  temporalAddress: string;
  database: DatabaseConnection;
  apiUrls: string[];
  taskQueue: string;
  caseNumberPrefix: string;
  workers: RunningProcess[];
  stop(): Promise<void>;
}

async function startDevEngine(folder: string, bundlePath: string): Promise<Engine> {
  const env = readEnvironment();
  const pg = await startEmbeddedPostgres({ dataDir: join(folder, 'postgres'), port: await freePort() });
  await migrateDatabase(pg.url);
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: toExecutable(resolveTemporalCli({ ...env, PATH: process.env.PATH })),
      ip: '127.0.0.1',
      dbFilename: join(folder, 'temporal.sqlite'),
      log: { format: 'pretty', level: 'error' },
    },
  });
  const taskQueue = 'bench-cases';
  const caseNumberPrefix = 'DEV';
  const worker = await startWorkerProcess({
    temporalAddress: temporal.address,
    databaseUrl: pg.url,
    taskQueue,
    extraEnv: {
      WORKFLOW_BUNDLE_PATH: bundlePath,
      // BENCH_WORKER_CPU_PROF=<folder>: the dev engine's worker writes V8 CPU profiles there when it stops.
      ...(cpuProfileFolder ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${cpuProfileFolder}` } : {}),
    },
  });
  const port = await freePort();
  await startApiProcess({
    temporalAddress: temporal.address,
    databaseUrl: pg.url,
    taskQueue,
    caseNumberPrefix,
    port,
  });
  const database = connectDatabase(pg.url, { max: 10 });
  return {
    name: 'dev',
    description: 'Temporal CLI dev server (SQLite file), one worker, one API',
    temporalAddress: temporal.address,
    database,
    apiUrls: [`http://127.0.0.1:${port}`],
    taskQueue,
    caseNumberPrefix,
    workers: [worker],
    async stop() {
      // Gracefully first: a worker writes its CPU profile only when it exits on its own.
      await worker.stop('SIGTERM', 30_000);
      await killStartedProcesses();
      await database.close();
      await temporal.teardown();
      await pg.stop();
    },
  };
}

async function startTopologyEngine(folder: string, bundlePath: string): Promise<Engine> {
  const topology = await startProductionTopology({ folder, workflowBundlePath: bundlePath });
  return {
    name: 'topology',
    description: 'Temporal server on PostgreSQL (8 history shards), two workers, two API copies',
    temporalAddress: topology.temporalAddress,
    database: topology.database,
    apiUrls: topology.apiUrls,
    taskQueue: topology.taskQueue,
    caseNumberPrefix: topology.caseNumberPrefix,
    workers: topology.workers,
    stop: async () => {
      await topology.stop();
      await killStartedProcesses();
    },
  };
}

async function measure(engine: Engine) {
  const connection = await Connection.connect({ address: engine.temporalAddress });
  const client = new Client({ connection, dataConverter: testDataConverter });
  const { db, sql } = engine.database;
  const unit = await createUnit(db);
  const [clerk] = await Promise.all([
    createStaff(db, 'clerk', unit.id),
    createStaff(db, 'supervisor', unit.id),
  ]);
  const court = await createInstitution(db, 'court', '海拉尔区人民法院');
  const receiver = await startReceiver(() => 200);
  let nextApi = 0;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${engine.apiUrls[nextApi++ % engine.apiUrls.length]}${path}`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${clerk!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
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
    registeredBy: { kind: 'staff', id: clerk!.id, role: 'clerk', unitId: unit.id },
    registeredAt: new Date().toISOString(),
  });
  const casesInReadModel = async () =>
    ((await sql`select count(*)::int as n from cases`) as unknown as [{ n: number }])[0].n;
  const settled = async (count: number) => {
    while ((await casesInReadModel()) < count) await new Promise((resolve) => setTimeout(resolve, 500));
  };

  log(`${engine.name}: registrations, ${registrations} raw starts vs ${registrations} through the API…`);
  await inParallel(20, 4, () => post('/v1/cases', dispute, { prefer: 'respond-async' }));
  await settled(20);
  let t = performance.now();
  await inParallel(registrations, 16, (i) => {
    const number = `RAW-2026-${String(i).padStart(6, '0')}`;
    return client.workflow.start('caseWorkflow', {
      workflowId: caseWorkflowId(number),
      taskQueue: engine.taskQueue,
      args: [registration(number)],
    });
  });
  const rawPerSecond = registrations / ((performance.now() - t) / 1000);
  await settled(20 + registrations);
  t = performance.now();
  const statuses = await inParallel(
    registrations,
    16,
    async () => (await post('/v1/cases', dispute, { prefer: 'respond-async' })).status,
  );
  const apiPerSecond = registrations / ((performance.now() - t) / 1000);
  if (statuses.some((status) => status !== 202))
    throw new Error(`registrations failed: ${[...new Set(statuses)]}`);
  await settled(20 + 2 * registrations);

  const probe = async (rate: number) => {
    log(`${engine.name}: ${rate} probe timers due within one minute…`);
    const name = `probe-${rate}-${randomBytes(3).toString('hex')}`;
    const windowStart = Date.now() + Math.max(30_000, rate * 8);
    const handles = await inParallel(rate, 64, (i) =>
      client.workflow.start('timerProbeWorkflow', {
        workflowId: `${name}-${i}`,
        taskQueue: engine.taskQueue,
        args: [windowStart + Math.floor((i / rate) * 60_000)],
      }),
    );
    await sleepUntil(windowStart + 61_000);
    return summarise(await inParallel(rate, 16, (i) => handles[i]!.result() as Promise<number>));
  };

  let step = 0;
  const realDeadlines = async (rate: number) => {
    log(`${engine.name}: ${rate} real case deadlines falling due within one minute…`);
    step += 1;
    const prefix = `${engine.caseNumberPrefix}${step}`;
    const numbers = Array.from({ length: rate }, (_, i) => `${prefix}-2026-${String(i).padStart(6, '0')}`);
    const windowStart = Date.now() + 2_000;
    const dueAt = numbers.map((_, i) => windowStart + Math.floor((i / rate) * 60_000));
    const visibleAt = new Map<string, number>();
    let polling = true;
    const poll = (async () => {
      while (polling || visibleAt.size < rate) {
        const rows = await sql<{ case_number: string }[]>`
          select case_number from case_events where type = 'deadline_overdue' and case_number like ${`${prefix}-%`}`;
        const now = Date.now();
        for (const row of rows) if (!visibleAt.has(row.case_number)) visibleAt.set(row.case_number, now);
        if (!polling && Date.now() > windowStart + 600_000) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    // Each case starts at its moment (its deadline is already due then), as referrals arrive in a day.
    await inParallel(rate, 64, async (i) => {
      await sleepUntil(dueAt[i]!);
      await client.workflow.start('caseWorkflow', {
        workflowId: caseWorkflowId(numbers[i]!),
        taskQueue: engine.taskQueue,
        args: [
          overdueCourtReferral({
            caseNumber: numbers[i]!,
            court,
            unitId: unit.id,
            callbackUrl: receiver.url,
          }),
        ],
      });
    });
    polling = false;
    await poll;
    return summarise(
      numbers.map((number, i) => (visibleAt.get(number) ?? Number.POSITIVE_INFINITY) - dueAt[i]!),
    );
  };

  type CpuUsed = ReturnType<typeof cpuUsedBetween>;
  const steps: {
    perMinute: number;
    probe?: ReturnType<typeof summarise> & { cpu: CpuUsed };
    caseDeadlines?: ReturnType<typeof summarise> & { cpu: CpuUsed };
  }[] = [];
  /** A step's figures with the CPU each part of the system used during it (where the work went). */
  const withCpu = async (run: () => Promise<ReturnType<typeof summarise>>) => {
    const before = cpuSecondsByComponent();
    const started = Date.now();
    const figures = await run();
    return { ...figures, cpu: cpuUsedBetween(before, cpuSecondsByComponent(), Date.now() - started) };
  };
  let probeHeld = true;
  let casesHeld = true;
  for (const rate of rates) {
    const row: (typeof steps)[number] = { perMinute: rate };
    if (probeHeld) {
      row.probe = await withCpu(() => probe(rate));
      probeHeld = row.probe.p99Ms <= goalP99Ms;
    }
    if (casesHeld) {
      row.caseDeadlines = await withCpu(() => realDeadlines(rate));
      casesHeld = row.caseDeadlines.p99Ms <= goalP99Ms;
    }
    steps.push(row);
    if (!probeHeld && !casesHeld) break;
  }
  const heldAt = (pick: 'probe' | 'caseDeadlines') =>
    Math.max(0, ...steps.filter((s) => s[pick] && s[pick]!.p99Ms <= goalP99Ms).map((s) => s.perMinute));
  const openCases = await casesInReadModel();
  const result = {
    engine: engine.description,
    registration: {
      rawStartsPerSecond: Math.round(rawPerSecond * 10) / 10,
      apiRespondAsyncPerSecond: Math.round(apiPerSecond * 10) / 10,
      ratio: Math.round((apiPerSecond / rawPerSecond) * 100) / 100,
      goalRatio: 0.7,
    },
    deadlines: {
      goalP99Ms,
      highestPerMinuteHeld: { probe: heldAt('probe'), caseDeadlines: heldAt('caseDeadlines') },
      steps,
    },
    workers: {
      count: engine.workers.length,
      openCases,
      rssMb: engine.workers.map((w) => rssMegabytes(w.pid)),
    },
  };
  await receiver.close();
  await connection.close();
  return result;
}

const folder = await makeTempDir('bench-engines');
const results: Record<string, unknown> = {};
try {
  const bundlePath = join(folder.path, 'workflow-bundle.js');
  await writeFile(bundlePath, (await bundleWorkflows()).code);
  for (const name of engines) {
    const engineFolder = join(folder.path, name);
    const engine =
      name === 'dev'
        ? await startDevEngine(engineFolder, bundlePath)
        : await startTopologyEngine(engineFolder, bundlePath);
    try {
      results[name] = await measure(engine);
    } finally {
      await engine.stop();
    }
  }
  console.log(
    JSON.stringify(
      { machine: { cpus: cpus().length, node: process.version }, rates, engines: results },
      null,
      2,
    ),
  );
} finally {
  await killStartedProcesses();
  await folder.remove();
}
