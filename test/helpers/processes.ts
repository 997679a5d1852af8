import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { testLookupHashKey } from './lookup-key.js';
import { testPayloadKeysSetting } from './payload-keys.js';

/**
 * Real OS processes for fault tests: a worker, a Temporal dev server. Each runs in its own process
 * group, so a kill reaches whatever it started; every process a test file starts is remembered and
 * killed by `killStartedProcesses()` (call it in afterAll) and, as a last resort, when the test
 * process itself exits.
 */
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves with the output once `pattern` appears; rejects if it exits or the time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** Send `signal` to its whole process group and wait (bounded) until it has exited. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

const started = new Set<RunningProcess>();

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

process.once('exit', () => {
  for (const running of started) signalGroup(running.pid, 'SIGKILL');
});

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): RunningProcess {
  const child = spawn(command, args, {
    cwd: options.cwd ?? projectRoot,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: a kill of the group reaches its children too
  });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const pid = child.pid;
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      started.delete(running);
      for (const listener of listeners) listener();
      resolve({ code, signal });
    }),
  );
  const running: RunningProcess = {
    name,
    pid,
    child,
    output: () => output,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) {
            done();
            resolve(output);
          } else if (!running.running()) {
            done();
            reject(
              new Error(
                `${name} exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${output.slice(-4000)}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(
              `${name}: timed out after ${timeoutMs} ms waiting for ${pattern}:\n${output.slice(-4000)}`,
            ),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (!running.running()) {
        signalGroup(pid, 'SIGKILL'); // whatever it left behind in its group
        return;
      }
      signalGroup(pid, signal);
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), timeoutMs).unref(),
      );
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        signalGroup(pid, 'SIGKILL');
        await exited;
      }
      signalGroup(pid, 'SIGKILL');
    },
  };
  started.add(running);
  return running;
}

/** Kill (SIGKILL) every process this test file started that is still running. */
export async function killStartedProcesses(): Promise<void> {
  await Promise.all([...started].map((running) => running.stop('SIGKILL', 5_000)));
}

/** Whether a process with this id still exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface WorkerProcessOptions {
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  /** The run's prebuilt workflow bundle (inject('workflowBundlePath')): a start in a second, no webpack. */
  workflowBundlePath: string;
  callbackSigningKey?: string;
  extraEnv?: NodeJS.ProcessEnv;
}

/**
 * `bin/worker.ts` as production runs it (with the run's prebuilt bundle), in a process of its own (node with tsx's loader, so the pid
 * is the worker's own and a kill -9 reaches it). Resolves once it has created its worker and polls.
 */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<RunningProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    DATABASE_URL: options.databaseUrl,
    WORKFLOW_BUNDLE_PATH: options.workflowBundlePath,
    LOG_LEVEL: 'info',
    PAYLOAD_ENCRYPTION_KEYS: testPayloadKeysSetting,
    LOOKUP_HASH_KEY: testLookupHashKey,
    ...(options.callbackSigningKey ? { CALLBACK_SIGNING_KEY: options.callbackSigningKey } : {}),
    // The tests' receivers are plain http on loopback, allowed as an admin would allow them.
    ALLOW_HTTP_CALLBACKS: 'true',
    CALLBACK_ALLOWED_HOSTS: '127.0.0.1',
    ...options.extraEnv,
  };
  const worker = startProcess('worker', process.execPath, ['--import', 'tsx', 'bin/worker.ts'], { env });
  await worker.waitForOutput(/worker running/, 90_000);
  return worker;
}

/**
 * The Temporal CLI's dev server in a process of its own, persisting to `dbFilename` (SQLite), so a
 * test can stop it and start it again on the same port and file. Resolves once it answers.
 */
export async function startTemporalDevServerProcess(options: {
  cli: string;
  port: number;
  dbFilename: string;
}): Promise<RunningProcess> {
  const server = startProcess('temporal dev server', options.cli, [
    'server',
    'start-dev',
    '--headless',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--db-filename',
    options.dbFilename,
    '--log-level',
    'error',
  ]);
  const address = `127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!server.running()) throw new Error(`the dev server exited:\n${server.output()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return server;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the dev server did not answer: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
