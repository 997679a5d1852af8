/**
 * Benchmark: the supervisor's lists on a province's data (1,000,000 cases a year).
 *
 *   npm run bench:overdue                       (1,000,000 cases over one year)
 *   BENCH_CASES=10000000 npm run bench:overdue  (a province over ten years; 1M took 4.1 GB, so ~40 GB)
 *   BENCH_CASES=200000 npm run bench:overdue    (a quick run)
 *
 * Starts its own embedded PostgreSQL in a temporary folder (BENCH_DATA_DIR: a folder with room for
 * it instead; removed afterwards), migrates it, generates the province with set-based SQL (registrations
 * spread over BENCH_YEARS years, default one per million cases), then times the use-cases the API and
 * the dashboard call (so the exact SQL they run) for every filter a supervisor can choose: overdue and
 * at-risk lists by unit subtree, mediator, kind or family, source and their combinations, later pages
 * through the cursor, and the counts. Each filter runs BENCH_ITERATIONS times (default 100); the JSON
 * prints p50/p95/p99 per filter and whether its p95 is within the goal, and EXPLAIN (ANALYZE, BUFFERS)
 * of the filters that used to be slow. Statistics (a year's figures) are timed apart, informational.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { connectDatabase } from '../db/client.js';
import { withDatabaseName } from '../db/database-url.js';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { migrateDatabase } from '../db/migrate.js';
import * as schema from '../db/schema/index.js';
import { freePort } from '../test/helpers/ports.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import { countSupervisedDeadlines } from '../use-cases/supervision/count-deadlines.js';
import type { DeadlineFilter } from '../use-cases/supervision/deadline-conditions.js';
import { listAtRiskDeadlines, listOverdueDeadlines } from '../use-cases/supervision/list-deadlines.js';
import { type SupervisionScope, unitSubtree } from '../use-cases/supervision/scope.js';
import { serveSupervisedDeadlineCounts } from '../use-cases/supervision/serve-counts.js';
import { computeStatistics } from '../use-cases/supervision/statistics.js';
import { generateProvince } from './province-data.js';

const goalP95Ms = 20;
const iterations = Number(process.env.BENCH_ITERATIONS ?? 100);
const caseCount = Number(process.env.BENCH_CASES ?? 1_000_000);
const years = Number(process.env.BENCH_YEARS ?? Math.max(1, Math.round(caseCount / 1_000_000)));

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return Math.round(sorted[index]! * 100) / 100;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), p99Ms: percentile(sorted, 0.99) };
}

const log = (message: string) => process.stderr.write(`[bench:overdue] ${message}\n`);

async function dataFolder(): Promise<{ path: string; remove(): Promise<void> }> {
  const parent = process.env.BENCH_DATA_DIR;
  if (!parent) return makeTempDir('bench');
  const path = await mkdtemp(join(parent, 'feisutong-bench-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

const folder = await dataFolder();
const pg = await startEmbeddedPostgres({ dataDir: join(folder.path, 'postgres'), port: await freePort() });
try {
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  // A bulk load of tens of GB: fewer checkpoints while generating (this instance only).
  await admin.unsafe(`alter system set max_wal_size = '16GB'`);
  await admin.unsafe(`alter system set checkpoint_timeout = '30min'`);
  await admin.unsafe('select pg_reload_conf()');
  await admin.unsafe('create database bench');
  await admin.end();
  const url = withDatabaseName(pg.url, 'bench');
  await migrateDatabase(url);

  const seeding = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  log(`generating ${caseCount.toLocaleString()} cases over ${years} year(s)…`);
  const province = await generateProvince(seeding, { cases: caseCount, years }, log);
  const generationSeconds = Math.round((performance.now() - started) / 1000);
  const [{ bytes }] = (await seeding`select pg_database_size('bench')::text as bytes`) as unknown as [
    { bytes: string },
  ];
  const databaseGb = Math.round(Number(bytes) / 1e8) / 10;
  log(`generated in ${generationSeconds} s, ${databaseGb} GB: ${JSON.stringify(province)}`);

  // A second client that records the SQL and parameters it sends, to EXPLAIN exactly what the use-case ran.
  let lastQuery: { text: string; params: unknown[] } | undefined;
  const recording = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, text, params) => {
      lastQuery = { text, params: params as unknown[] };
    },
  });
  const explainDb = drizzle(recording, { schema, casing: 'snake_case' });

  const database = connectDatabase(url, { max: 4 });
  const db = database.db;
  const now = new Date();
  const { centreId, stationId, mediatorId } = province.sample;
  const centreScope = await unitSubtree(db, centreId);
  const stationScope = await unitSubtree(db, stationId);
  // A station inside the centre's scope, for a centre supervisor narrowing to one of their stations.
  const [{ id: centreStationId }] = (await seeding`
    select id from units where parent_id = ${centreId} order by code limit 1`) as unknown as [{ id: string }];
  const procuratorate = { source: 'procuratorate' } as const;

  type Run = (x: typeof db) => Promise<{ items: unknown[] } | { byUnit: unknown[]; fromSnapshot?: boolean }>;
  /** The nextCursor after `pages` pages of the list `run` reads with a cursor. */
  async function cursorAfter(
    pages: number,
    run: (cursor?: string) => Promise<{ nextCursor: string | null }>,
  ) {
    let cursor: string | undefined;
    for (let page = 0; page < pages; page += 1) cursor = (await run(cursor)).nextCursor ?? undefined;
    return cursor;
  }
  const adminPage2 = await cursorAfter(1, (cursor) =>
    listOverdueDeadlines(db, 'all', { limit: 50, cursor }, now),
  );
  const adminPage21 = await cursorAfter(20, (cursor) =>
    listOverdueDeadlines(db, 'all', { limit: 50, cursor }, now),
  );
  const centrePage2 = await cursorAfter(1, (cursor) =>
    listOverdueDeadlines(db, centreScope, { limit: 50, cursor }, now),
  );
  const centreProcuratoratePage2 = await cursorAfter(1, (cursor) =>
    listOverdueDeadlines(db, centreScope, { limit: 50, cursor, ...procuratorate }, now),
  );
  const atRiskPage2 = await cursorAfter(1, (cursor) =>
    listAtRiskDeadlines(db, 'all', { limit: 50, cursor }, now),
  );

  /** Every filter a supervisor can choose on the lists and the counts (API and dashboard). */
  const countFilters: Record<string, [SupervisionScope, DeadlineFilter]> = {
    'counts, admin': ['all', {}],
    'counts, admin: source procuratorate': ['all', procuratorate],
    'counts, admin: kind instalment (family)': ['all', { kind: 'instalment' }],
    'counts, admin: one mediator': ['all', { assigneeId: mediatorId }],
    'counts, centre': [centreScope, {}],
    'counts, centre: source procuratorate': [centreScope, procuratorate],
    'counts, centre: unit = one of its stations': [centreScope, { unitId: centreStationId }],
    'counts, station': [stationScope, {}],
  };
  const filters: Record<string, Run> = {
    // Overdue (超期), admin: the whole province.
    'overdue, admin: first page': (x) => listOverdueDeadlines(x, 'all', { limit: 50 }, now),
    'overdue, admin: page 2 (cursor)': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, cursor: adminPage2 }, now),
    'overdue, admin: page 21 (cursor)': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, cursor: adminPage21 }, now),
    'overdue, admin: 200 rows': (x) => listOverdueDeadlines(x, 'all', { limit: 200 }, now),
    'overdue, admin: unit = a centre (subtree)': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, unitId: centreId }, now),
    'overdue, admin: unit = a station (subtree)': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, unitId: stationId }, now),
    'overdue, admin: one mediator': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, assigneeId: mediatorId }, now),
    'overdue, admin: kind stage': (x) => listOverdueDeadlines(x, 'all', { limit: 50, kind: 'stage' }, now),
    'overdue, admin: kind court_period': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, kind: 'court_period' }, now),
    'overdue, admin: kind instalment (family)': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, kind: 'instalment' }, now),
    'overdue, admin: kind supervision (rare)': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, kind: 'supervision' }, now),
    'overdue, admin: kind hand_off (none)': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, kind: 'hand_off' }, now),
    'overdue, admin: source court': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, source: 'court' }, now),
    'overdue, admin: source procuratorate': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, ...procuratorate }, now),
    'overdue, admin: source police': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, source: 'police' }, now),
    'overdue, admin: one mediator, source procuratorate': (x) =>
      listOverdueDeadlines(x, 'all', { limit: 50, assigneeId: mediatorId, ...procuratorate }, now),
    // Overdue, a centre supervisor (their centre, its stations and points).
    'overdue, centre: first page': (x) => listOverdueDeadlines(x, centreScope, { limit: 50 }, now),
    'overdue, centre: page 2 (cursor)': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, cursor: centrePage2 }, now),
    'overdue, centre: unit = one of its stations': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, unitId: centreStationId }, now),
    'overdue, centre: one mediator': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, assigneeId: mediatorId }, now),
    'overdue, centre: kind prosecution': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, kind: 'prosecution' }, now),
    'overdue, centre: kind instalment (family)': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, kind: 'instalment' }, now),
    'overdue, centre: kind supervision (rare)': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, kind: 'supervision' }, now),
    'overdue, centre: source walk_in': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, source: 'walk_in' }, now),
    'overdue, centre: source procuratorate': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, ...procuratorate }, now),
    'overdue, centre: source procuratorate, page 2 (cursor)': (x) =>
      listOverdueDeadlines(
        x,
        centreScope,
        { limit: 50, cursor: centreProcuratoratePage2, ...procuratorate },
        now,
      ),
    'overdue, centre: source procuratorate, kind prosecution': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, kind: 'prosecution', ...procuratorate }, now),
    'overdue, centre: source police, unit = one of its stations': (x) =>
      listOverdueDeadlines(x, centreScope, { limit: 50, unitId: centreStationId, source: 'police' }, now),
    // Overdue, a station supervisor.
    'overdue, station: first page': (x) => listOverdueDeadlines(x, stationScope, { limit: 50 }, now),
    'overdue, station: source procuratorate': (x) =>
      listOverdueDeadlines(x, stationScope, { limit: 50, ...procuratorate }, now),
    'overdue, station: kind supervision (rare)': (x) =>
      listOverdueDeadlines(x, stationScope, { limit: 50, kind: 'supervision' }, now),
    // At risk (临期).
    'at-risk, admin: first page': (x) => listAtRiskDeadlines(x, 'all', { limit: 50 }, now),
    'at-risk, admin: page 2 (cursor)': (x) =>
      listAtRiskDeadlines(x, 'all', { limit: 50, cursor: atRiskPage2 }, now),
    'at-risk, admin: within 7 days, 50 % used': (x) =>
      listAtRiskDeadlines(x, 'all', { limit: 50, withinDays: 7, pastFraction: 0.5 }, now),
    'at-risk, admin: source procuratorate': (x) =>
      listAtRiskDeadlines(x, 'all', { limit: 50, ...procuratorate }, now),
    'at-risk, admin: kind supervision (rare)': (x) =>
      listAtRiskDeadlines(x, 'all', { limit: 50, kind: 'supervision' }, now),
    'at-risk, admin: one mediator': (x) =>
      listAtRiskDeadlines(x, 'all', { limit: 50, assigneeId: mediatorId }, now),
    'at-risk, centre: first page': (x) => listAtRiskDeadlines(x, centreScope, { limit: 50 }, now),
    'at-risk, centre: source procuratorate': (x) =>
      listAtRiskDeadlines(x, centreScope, { limit: 50, ...procuratorate }, now),
    'at-risk, centre: kind instalment (family)': (x) =>
      listAtRiskDeadlines(x, centreScope, { limit: 50, kind: 'instalment' }, now),
    'at-risk, station: first page': (x) => listAtRiskDeadlines(x, stationScope, { limit: 50 }, now),
    // Counts (totals, by unit, by mediator) as the dashboard and the API serve them: a scope with
    // thousands of deadlines overdue or at risk from a snapshot recounted in the background every 15 s
    // (use-cases/supervision/serve-counts.ts), a smaller one counted live. What a live count costs is
    // timed separately below (`countsCountedLive`).
    ...Object.fromEntries(
      Object.entries(countFilters).map(([name, [scope, filter]]) => [
        name,
        (x: typeof db) => serveSupervisedDeadlineCounts(x, scope, filter, console),
      ]),
    ),
  };
  const only = process.env.BENCH_FILTER;
  const chosen = Object.entries(filters).filter(([name]) => !only || name.includes(only));
  const rowsOf = (result: Awaited<ReturnType<Run>>) =>
    'items' in result ? result.items.length : result.byUnit.length;

  async function measure() {
    const all: number[] = [];
    const samples = new Map<string, number[]>(chosen.map(([name]) => [name, []]));
    const fromSnapshot = new Map<string, number>();
    for (const [, run] of chosen) await run(db); // warm the cache and the plan
    for (let i = 0; i < iterations; i += 1) {
      for (const [name, run] of chosen) {
        const t = performance.now();
        const result = await run(db);
        const elapsed = performance.now() - t;
        samples.get(name)!.push(elapsed);
        if ('fromSnapshot' in result && result.fromSnapshot)
          fromSnapshot.set(name, (fromSnapshot.get(name) ?? 0) + 1);
        all.push(elapsed);
      }
    }
    const byFilter: Record<
      string,
      ReturnType<typeof summarise> & { rows: number; servedFromSnapshot?: number; met: boolean }
    > = {};
    for (const [name, run] of chosen) {
      const figures = summarise(samples.get(name)!);
      byFilter[name] = {
        ...figures,
        rows: rowsOf(await run(db)),
        ...(name in countFilters ? { servedFromSnapshot: fromSnapshot.get(name) ?? 0 } : {}),
        met: figures.p95Ms <= goalP95Ms,
      };
    }
    return { ...summarise(all), byFilter };
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of the exact SQL a filter ran (its last statement). */
  async function explain(run: Run) {
    await run(explainDb);
    const query = lastQuery!;
    const rows = await recording.unsafe(
      `explain (analyze, buffers, format text) ${query.text}`,
      query.params as never[],
    );
    return rows
      .map((row) => String(Object.values(row)[0]))
      .filter((line) =>
        /Index|Scan|Limit|Sort|Nested|Hash|Aggregate|Buffers: shared|Execution Time|Planning Time/.test(line),
      )
      .slice(0, 30);
  }

  log(`timing ${chosen.length} filters × ${iterations} iterations…`);
  // The machine's load while timing (other work on it shows in the tails).
  const loadBefore = loadavg()[0]!;
  const measured = await measure();
  const loadAverage = {
    before: Math.round(loadBefore * 10) / 10,
    after: Math.round(loadavg()[0]! * 10) / 10,
  };
  const slowest = Object.entries(measured.byFilter)
    .sort(([, a], [, b]) => b.p95Ms - a.p95Ms)
    .slice(0, 3)
    .map(([name]) => name);
  const explainNames = [
    ...new Set([
      'overdue, centre: source procuratorate',
      'overdue, admin: first page',
      'counts, admin',
      ...slowest,
    ]),
  ].filter((name) => filters[name] && (!only || name.includes(only)));
  const explained: Record<string, string[]> = {};
  for (const name of explainNames) explained[name] = await explain(filters[name]!);

  const timeOnce = async (run: () => Promise<unknown>, count = 3) => {
    await run();
    const samples: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const s = performance.now();
      await run();
      samples.push(performance.now() - s);
    }
    return summarise(samples);
  };
  const lastYear = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  const informational = only
    ? {}
    : {
        'statistics, admin, one year': await timeOnce(() => computeStatistics(db, 'all', { from: lastYear })),
        'statistics, centre supervisor, one year': await timeOnce(() =>
          computeStatistics(db, centreScope, { from: lastYear }),
        ),
      };
  // What a count costs when it is counted for the request: a small scope every time, a large one when
  // nobody has asked for 60 s (and in the background every 15 s while people ask).
  const countsCountedLive: Record<string, ReturnType<typeof summarise>> = {};
  for (const [name, [scope, filter]] of Object.entries(countFilters)) {
    if (!only || name.includes(only))
      countsCountedLive[name] = await timeOnce(() => countSupervisedDeadlines(db, scope, filter), 10);
  }

  const failing = Object.entries(measured.byFilter)
    .filter(([, figures]) => !figures.met)
    .map(([name]) => name);
  const result = {
    cases: province.cases,
    years,
    deadlines: province.deadlines,
    liveDeadlines: province.liveDeadlines,
    overdueDeadlines: province.overdueDeadlines,
    units: province.units,
    mediators: province.mediators,
    generationSeconds,
    databaseGb,
    iterations,
    loadAverage,
    goalP95Ms,
    filters: chosen.length,
    allMet: failing.length === 0,
    failing,
    p50Ms: measured.p50Ms,
    p95Ms: measured.p95Ms,
    p99Ms: measured.p99Ms,
    byFilter: measured.byFilter,
    explain: explained,
    informational,
    countsCountedLive,
  };
  console.log(JSON.stringify(result, null, 2));
  await database.close();
  await recording.end();
  await seeding.end();
} finally {
  await pg.stop();
  await folder.remove();
}
