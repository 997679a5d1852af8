import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import postgres from 'postgres';
import { readEnvironment } from '../../config/env.js';
import { type ProductionServerFiles, resolveProductionServer } from '../../config/temporal-binaries.js';
import { connectDatabase } from '../../db/client.js';
import { withDatabaseName } from '../../db/database-url.js';
import { type RunningPostgres, startEmbeddedPostgres } from '../../db/embedded-postgres.js';
import { migrateDatabase } from '../../db/migrate.js';
import { jsonRequester } from '../helpers/json-request.js';
import { testLookupHashKey } from '../helpers/lookup-key.js';
import { testDataConverter, testPayloadKeysSetting } from '../helpers/payload-keys.js';
import { freePort } from '../helpers/ports.js';
import { type RunningProcess, startProcess, startWorkerProcess } from '../helpers/processes.js';
import { testTokenSecret } from '../helpers/staff.js';
import type { TestDatabase } from '../helpers/test-database.js';
import type { TestSystem } from '../helpers/test-system.js';

/** Plain scripts (the benchmarks) use this harness too, so it imports nothing that needs vitest. */
const testCallbackSigningKey = 'topology-callback-signing-key-0123456789abcdef';

/**
 * The production topology on this machine: PostgreSQL (the embedded binaries) holding Temporal's
 * persistence and visibility databases (schemas set up by Temporal's own SQL tool) and the app's
 * database (its own role, not the superuser); the production Temporal server (`go.temporal.io/server`)
 * with `historyShards` history shards, its four services (frontend, history, matching, worker) in one
 * process; `workers` worker processes and `apis` API processes (bin/worker.ts, bin/api.ts as production
 * runs them, payloads encrypted). `request` spreads requests over the API copies round-robin and skips
 * one that does not answer, as a load balancer would. docker-compose.yml runs the same topology.
 */
export interface ProductionTopology {
  temporalAddress: string;
  /** The app's database as its own role sees it (tests read the read model through it). */
  database: TestDatabase;
  /** The cluster's superuser URL (to inspect Temporal's own tables). */
  adminUrl: string;
  taskQueue: string;
  caseNumberPrefix: string;
  apiUrls: string[];
  apis: RunningProcess[];
  workers: RunningProcess[];
  server: RunningProcess;
  /** A TestSystem over the API copies (round-robin) and a Temporal client with the payload keys. */
  system: TestSystem;
  startWorker(): Promise<RunningProcess>;
  startApi(index: number): Promise<RunningProcess>;
  /** Stop the Temporal server (SIGTERM, or SIGKILL) and start it again on the same databases. */
  restartServer(signal?: NodeJS.Signals, downMs?: number): Promise<{ downMs: number; servingMs: number }>;
  stop(): Promise<void>;
}

interface Ports {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  membership: [number, number, number, number];
}

function serverConfig(options: {
  ports: Ports;
  pgPort: number;
  password: string;
  shards: number;
  folder: string;
}) {
  const { ports } = options;
  const store = (database: string, maxConns: number) => `      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "127.0.0.1:${options.pgPort}"
        connectProtocol: "tcp"
        user: "temporal"
        password: "${options.password}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const service = (grpc: number, membership: number, http?: number) => `    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ''}`;
  return `# Written by test/topology/production-topology.ts from the module's config/development-postgres12.yaml.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${options.shards}
  datastores:
    postgres-default:
${store('temporal', 20)}
    postgres-visibility:
${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:
  frontend:
${service(ports.frontend, ports.membership[0], ports.frontendHttp)}
  history:
${service(ports.history, ports.membership[1])}
  matching:
${service(ports.matching, ports.membership[2])}
  worker:
${service(ports.worker, ports.membership[3])}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${join(options.folder, 'config', 'dynamicconfig.yaml')}"
  pollInterval: "10s"
`;
}

const dynamicConfig = `limit.maxIDLength:
  - value: 255
    constraints: {}
`;

async function runTool(files: ProductionServerFiles, args: string[], log: string[]): Promise<void> {
  const tool = startProcess('temporal-sql-tool', files.sqlTool, args);
  const { code } = await tool.exited;
  log.push(tool.output());
  if (code !== 0) throw new Error(`temporal-sql-tool ${args.join(' ')} exited ${code}:\n${tool.output()}`);
}

/** Create Temporal's two databases and bring their schemas to the newest version, with its own tool. */
async function setUpTemporalSchemas(files: ProductionServerFiles, pg: RunningPostgres, password: string) {
  const log: string[] = [];
  const common = [
    '--plugin',
    'postgres12',
    '--ep',
    '127.0.0.1',
    '-p',
    String(pg.port),
    '-u',
    'temporal',
    '--pw',
    password,
  ];
  for (const [database, folder] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    await runTool(files, [...common, '--db', database, 'create-database'], log);
    await runTool(files, [...common, '--db', database, 'setup-schema', '-v', '0.0'], log);
    await runTool(
      files,
      [...common, '--db', database, 'update-schema', '-d', join(files.postgresSchema, folder, 'versioned')],
      log,
    );
  }
  return log;
}

async function waitForServing(address: string, server: RunningProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!server.running()) throw new Error(`the Temporal server exited:\n${server.output().slice(-4000)}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        // The frontend's namespace cache can lag the database; a start on a probe queue proves it is usable.
        const client = new Client({ connection });
        const probe = await client.workflow.start('probe', {
          taskQueue: 'topology-probe',
          workflowId: `probe-${randomBytes(4).toString('hex')}`,
        });
        await probe.terminate('serving probe');
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      if (/not found/i.test(String(error))) await registerDefaultNamespace(address).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`the Temporal server did not serve within ${timeoutMs} ms: ${String(lastError)}`);
}

async function registerDefaultNamespace(address: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.registerNamespace({
      namespace: 'default',
      workflowExecutionRetentionPeriod: msToTs('3 days'),
    });
  } catch (error) {
    if (!/already exists/i.test(String(error))) throw error;
  } finally {
    await connection.close();
  }
}

/** `bin/api.ts` as production runs it, in a process of its own; resolves once it listens. */
export async function startApiProcess(options: {
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  caseNumberPrefix: string;
  port: number;
}): Promise<RunningProcess> {
  const api = startProcess('api', process.execPath, ['--import', 'tsx', 'bin/api.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      CASE_NUMBER_PREFIX: options.caseNumberPrefix,
      AUTH_TOKEN_SECRET: testTokenSecret,
      CALLBACK_SIGNING_KEY: testCallbackSigningKey,
      PAYLOAD_ENCRYPTION_KEYS: testPayloadKeysSetting,
      LOOKUP_HASH_KEY: testLookupHashKey,
      ALLOW_HTTP_CALLBACKS: 'true',
      CALLBACK_ALLOWED_HOSTS: '127.0.0.1',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      LOG_LEVEL: 'info',
    },
  });
  await api.waitForOutput(/API listening/, 60_000);
  return api;
}

/** Temporal keeps membership ports in a smallint column: they must be below 32768. */
async function membershipPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    if (ports.includes(candidate)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(candidate, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) ports.push(candidate);
  }
  return ports;
}

export async function startProductionTopology(options: {
  folder: string;
  workers?: number;
  apis?: number;
  historyShards?: number;
  workflowBundlePath: string;
}): Promise<ProductionTopology> {
  const files = resolveProductionServer(readEnvironment().FEISUTONG_CACHE_DIR);
  if (!files)
    throw new Error('run `npm run setup -- --production-server` first: the Temporal server is not built');
  const stack: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    while (stack.length > 0) await stack.pop()!().catch(() => {});
  };
  try {
    const pg = await startEmbeddedPostgres({
      dataDir: join(options.folder, 'postgres'),
      port: await freePort(),
    });
    stack.push(() => pg.stop());
    const temporalPassword = randomBytes(18).toString('base64url');
    const appPassword = randomBytes(18).toString('base64url');
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${temporalPassword}'`);
    await admin.unsafe(`CREATE ROLE feisutong LOGIN PASSWORD '${appPassword}'`);
    await admin.unsafe('CREATE DATABASE feisutong OWNER feisutong');
    await admin.end();
    await setUpTemporalSchemas(files, pg, temporalPassword);

    const appUrl = withDatabaseName(
      pg.url.replace(/\/\/[^@]+@/, `//feisutong:${encodeURIComponent(appPassword)}@`),
      'feisutong',
    );
    await migrateDatabase(appUrl);
    const connection = connectDatabase(appUrl);
    stack.push(() => connection.close());
    const database: TestDatabase = {
      ...connection,
      url: appUrl,
      name: 'feisutong',
      drop: () => connection.close(),
    };

    const [frontend, frontendHttp, history, matching, worker] = await Promise.all(
      Array.from({ length: 5 }, () => freePort()),
    );
    const [m1, m2, m3, m4] = await membershipPorts(4);
    const ports: Ports = {
      frontend: frontend!,
      frontendHttp: frontendHttp!,
      history: history!,
      matching: matching!,
      worker: worker!,
      membership: [m1!, m2!, m3!, m4!],
    };
    await mkdir(join(options.folder, 'config'), { recursive: true });
    await writeFile(
      join(options.folder, 'config', 'production.yaml'),
      serverConfig({
        ports,
        pgPort: pg.port,
        password: temporalPassword,
        shards: options.historyShards ?? 8,
        folder: options.folder,
      }),
      { mode: 0o600 },
    );
    await writeFile(join(options.folder, 'config', 'dynamicconfig.yaml'), dynamicConfig);
    const temporalAddress = `127.0.0.1:${ports.frontend}`;
    const startServer = async () => {
      const server = startProcess('temporal server', files.server, [
        '--root',
        options.folder,
        '--config',
        'config',
        '--env',
        'production',
        '--allow-no-auth',
        'start',
      ]);
      await waitForServing(temporalAddress, server, 120_000);
      return server;
    };

    const taskQueue = `topology-${randomBytes(4).toString('hex')}`;
    const caseNumberPrefix = `P${randomBytes(3).toString('hex').toUpperCase()}`;
    const topology = {
      temporalAddress,
      database,
      adminUrl: pg.url,
      taskQueue,
      caseNumberPrefix,
      apiUrls: [] as string[],
      apis: [] as RunningProcess[],
      workers: [] as RunningProcess[],
      server: await startServer(),
    } as ProductionTopology;
    stack.push(() => topology.server.stop('SIGTERM', 30_000));

    topology.startWorker = async () => {
      const started = await startWorkerProcess({
        temporalAddress,
        databaseUrl: appUrl,
        taskQueue,
        callbackSigningKey: testCallbackSigningKey,
        workflowBundlePath: options.workflowBundlePath,
      });
      topology.workers.push(started);
      stack.push(() => started.stop('SIGTERM', 30_000));
      return started;
    };
    topology.startApi = async (index: number) => {
      const port = topology.apiUrls[index]
        ? Number(new URL(topology.apiUrls[index]!).port)
        : await freePort();
      const api = await startApiProcess({
        temporalAddress,
        databaseUrl: appUrl,
        taskQueue,
        caseNumberPrefix,
        port,
      });
      topology.apis[index] = api;
      topology.apiUrls[index] = `http://127.0.0.1:${port}`;
      stack.push(() => api.stop('SIGTERM', 10_000));
      return api;
    };
    topology.restartServer = async (signal = 'SIGTERM', downMs = 2_000) => {
      const stoppedAt = Date.now();
      await topology.server.stop(signal, 30_000);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      const startedAt = Date.now();
      topology.server = await startServer();
      return { downMs: startedAt - stoppedAt, servingMs: Date.now() - startedAt };
    };

    const workerCount = options.workers ?? 2;
    const apiCount = options.apis ?? 2;
    await Promise.all([
      ...Array.from({ length: workerCount }, () => topology.startWorker()),
      ...Array.from({ length: apiCount }, (_, index) => topology.startApi(index)),
    ]);

    const clientConnection = await Connection.connect({ address: temporalAddress });
    stack.push(() => clientConnection.close());
    const temporal = new Client({
      connection: clientConnection,
      namespace: 'default',
      dataConverter: testDataConverter,
    });
    let next = 0;
    const request: TestSystem['request'] = async (method, path, requestOptions) => {
      // Round-robin over the copies; a copy that refuses the connection is skipped (a balancer's health check).
      let lastError: unknown = new Error('no API copy');
      for (let tries = 0; tries < topology.apiUrls.length; tries += 1) {
        const url = topology.apiUrls[next++ % topology.apiUrls.length]!;
        try {
          return await jsonRequester(url)(method, path, requestOptions);
        } catch (error) {
          // Only a copy that is down is skipped: a request that reached a copy is never sent twice.
          if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') throw error;
          lastError = error;
        }
      }
      throw lastError;
    };
    topology.system = {
      baseUrl: topology.apiUrls[0]!,
      database,
      temporal,
      taskQueue,
      caseNumberPrefix,
      request,
      stop,
    };
    topology.stop = stop;
    return topology;
  } catch (error) {
    await stop();
    throw error;
  }
}
