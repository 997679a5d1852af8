/**
 * Fuzz the API with schemathesis, once per principal, against the whole system started the way
 * `npm start` starts it (Temporal dev server, embedded PostgreSQL, worker, API) in a throwaway folder.
 *
 * Each principal gets the operations its role or institution kind may call (their `x-access`); the
 * anonymous caller gets the public ones. Checks: no 5xx, responses and their headers match the
 * documented schema, every status is documented, and every response has the documented content type
 * (so every error is application/problem+json).
 *
 *   test/fuzz/run-schemathesis.sh            (installs schemathesis into a cached venv, then runs this)
 *   FUZZ_MAX_EXAMPLES=50 FUZZ_SEED=1 test/fuzz/run-schemathesis.sh
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { readEnvironment } from '../../config/env.js';
import { createHttpApp } from '../../server/create-http-app.js';
import { createLogger } from '../../system/logger.js';
import { startSystem } from '../../system/start-system.js';
import { freePort } from '../helpers/ports.js';
import { type FuzzPrincipal, type FuzzWorld, preparePrincipals } from './fuzz-principals.js';

const schemathesis = process.env.SCHEMATHESIS_BIN ?? 'schemathesis';
const maxExamples = Number(process.env.FUZZ_MAX_EXAMPLES ?? 20);
const seed = process.env.FUZZ_SEED ?? String(Date.now() % 100_000);
const reportRoot = resolve(process.env.FUZZ_REPORT_DIR ?? 'test-results/schemathesis');
/**
 * negative_data_rejection is left out by default: our schemas trim text before `max`, so a string one
 * space over maxLength is accepted, which that check reports. FUZZ_CHECKS=…,negative_data_rejection adds it.
 */
const checks = (
  process.env.FUZZ_CHECKS ??
  'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance'
).split(',');
/** Admin last: it changes reference data (policies, calendars) the others read. */
const principals: FuzzPrincipal[] = [
  'anonymous',
  'clerk',
  'mediator',
  'supervisor',
  'court',
  'procuratorate',
  'police',
  'admin',
];
const publicOperations = new Set(['get /healthz', 'post /v1/auth/token']);

type OpenApiDocument = { paths: Record<string, Record<string, { 'x-access'?: string[] }>> } & Record<
  string,
  unknown
>;

/** The document cut down to what one principal may call. */
function documentFor(document: OpenApiDocument, principal: FuzzPrincipal): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const allowed =
        principal === 'anonymous'
          ? publicOperations.has(`${method} ${path}`)
          : operation['x-access']?.includes(principal);
      if (allowed) paths[path] = { ...paths[path], [method]: operation };
    }
  }
  return { ...document, paths };
}

/**
 * schemathesis.toml: real identifiers for path parameters half of the time (the other half stays
 * generated, so malformed and unknown ones are still tried).
 */
function configFor(world: FuzzWorld): string {
  const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  return [
    '[dictionaries.cases]',
    `values = ${list(world.caseNumbers)}`,
    '[dictionaries.references]',
    `values = ${list(world.references)}`,
    '[dictionaries.ids]',
    `values = ${list(world.ids)}`,
    '[parameters]',
    '"path.caseNumber" = { dictionary = "cases", probability = 0.5 }',
    '"path.reference" = { dictionary = "references", probability = 0.5 }',
    '"path.id" = { dictionary = "ids", probability = 0.5 }',
    '',
  ].join('\n');
}

/**
 * Run in the report folder: schemathesis' and hypothesis' own caches land there, not in the repository.
 * Its full output goes to `logPath`; only a failing run prints it whole (a passing one prints its
 * summary), so the CI log stays short enough to end with the test run's own summary.
 */
function run(command: string, args: string[], logPath: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: reportRoot });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('close', async (code, signal) => {
      const output = Buffer.concat(chunks).toString();
      await writeFile(logPath, output);
      const exit = code ?? (signal ? 128 : 1);
      if (exit !== 0) process.stdout.write(output);
      else console.log(`   ${summaryLine(output)}`);
      resolvePromise(exit);
    });
  });
}

/**
 * What a passing run leaves in the CI log: one line of our own wording. Schemathesis closes with a
 * pytest-shaped line ("=== 1 warning in 4.07s ==="), which log readers take for a test run that
 * executed nothing, so its figures are restated rather than echoed.
 */
function summaryLine(output: string): string {
  const lines = output.split('\n').map((line) => line.trim());
  const operations = lines.map((line) => /^Tested: (\d+)/.exec(line)?.[1]).find(Boolean) ?? '?';
  const cases = lines.map((line) => /(\d+) generated, (\d+) passed/.exec(line)).find(Boolean);
  const closing = lines.map((line) => /^=+ (.*) in ([\d.]+)s =+$/.exec(line)).find(Boolean);
  const notes = closing?.[1] && !/passed|failed/.test(closing[1]) ? ` (${closing[1]})` : '';
  return `${operations} operations fuzzed, ${cases?.[1] ?? '?'} cases generated, all accepted${
    closing ? ` in ${closing[2]} s` : ''
  }${notes}`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const folder = await mkdtemp(join(tmpdir(), 'feisutong-fuzz-'));
  await chmod(folder, 0o755); // the embedded PostgreSQL runs as the `postgres` user when we are root
  await rm(reportRoot, { recursive: true, force: true });
  await mkdir(reportRoot, { recursive: true });
  const admin = { username: 'fuzz-admin', password: randomBytes(18).toString('base64url') };
  const [port, temporalPort, uiPort, pgPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const env = readEnvironment({
    ...process.env,
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    FEISUTONG_DATA_DIR: folder,
    PORT: String(port),
    TEMPORAL_DEV_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    FEISUTONG_ADMIN_USERNAME: admin.username,
    FEISUTONG_ADMIN_PASSWORD: admin.password,
    AUTH_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    CALLBACK_SIGNING_KEY: randomBytes(32).toString('base64url'),
    FEISUTONG_DEMO_SEED: 'false',
  });
  // The server's own log (with any 500's stack) goes to a file beside the reports.
  const logPath = join(reportRoot, 'server.log');
  const logFile = createWriteStream(logPath);
  const logger = createLogger('info', logFile);
  // The worker's own log (activity retries and the like) goes there too, not between the reports.
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) =>
      logFile.write(`${JSON.stringify({ temporal: entry.level, msg: entry.message, ...entry.meta })}\n`),
    ),
  });
  const system = await startSystem(env, logger, createHttpApp);
  const failed: string[] = [];
  try {
    console.log(`== system up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${system.apiUrl}`);
    const world = await preparePrincipals(system.apiUrl, admin);
    const configPath = join(reportRoot, 'schemathesis.toml');
    await writeFile(configPath, configFor(world));
    const document = (await (await fetch(`${system.apiUrl}/openapi.json`)).json()) as OpenApiDocument;
    for (const principal of principals) {
      const folderFor = join(reportRoot, principal);
      await mkdir(folderFor, { recursive: true });
      const schemaPath = join(folderFor, 'openapi.json');
      const cut = documentFor(document, principal);
      await writeFile(schemaPath, JSON.stringify(cut));
      const credential = world.credentials.get(principal);
      const operations = Object.values(cut.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
      console.log(
        `\n== schemathesis as ${principal}: ${operations} operations, ≤ ${maxExamples} examples each`,
      );
      const runStarted = Date.now();
      const code = await run(
        schemathesis,
        [
          '--no-color',
          '--config-file',
          configPath,
          'run',
          schemaPath,
          '--url',
          system.apiUrl,
          '--checks',
          checks.join(','),
          '--max-examples',
          String(maxExamples),
          '--seed',
          seed,
          '--phases',
          'examples,coverage,fuzzing',
          // One worker: hypothesis on Python 3.11 can fail with 'AST constructor recursion depth
          // mismatch' when several threads describe strategies at once.
          '--workers',
          '1',
          '--request-timeout',
          '30',
          '--suppress-health-check',
          'all',
          '--report',
          'junit',
          '--report-dir',
          folderFor,
          ...(credential ? ['--header', `Authorization: Bearer ${credential}`] : []),
        ],
        join(folderFor, 'schemathesis.log'),
      );
      console.log(`== ${principal}: exit ${code} in ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
      if (code !== 0) failed.push(principal);
    }
  } finally {
    await system.stop();
    await rm(folder, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failed.length > 0) {
    console.error(`\n== schemathesis found problems as: ${failed.join(', ')} (seed ${seed}; ${seconds} s)`);
    console.error(`   reports in ${reportRoot}, server log ${logPath}`);
    return 1;
  }
  console.log(
    `\n== schemathesis: no failures for ${principals.length} principals (seed ${seed}; ${seconds} s)`,
  );
  return 0;
}

process.exit(await main());
