import { connect } from 'node:net';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readEnvironment } from '../../config/env.js';
import { resolveTestServer } from '../../config/temporal-binaries.js';
import { freePort } from './ports.js';
import { type RunningProcess, startProcess } from './processes.js';

/** How long a loaded machine may take to start the JVM of the test server. */
const serverStartMs = 120_000;

/**
 * The Java test server (grpc-java) allows a client's keepalive ping at most every 5 minutes while a call
 * is open, and closes the connection after a few faster ones ("excess pings"). The client's default is
 * every 30 s, so a time skip that took minutes on a loaded machine lost its connection and never
 * returned. Pinging less often than the server's limit keeps the connection.
 */
const keepaliveMs = 6 * 60_000;

/** The SDK's private factory, which connects to a server already running with time skipping on. */
type CreateEnvironment = (options: {
  server: { type: 'existing' };
  address: string;
  namespace: string;
  supportsTimeSkipping: boolean;
  connectionOptions: { channelArgs: Record<string, number> };
}) => Promise<TestWorkflowEnvironment>;

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForServer(server: RunningProcess, port: number) {
  const deadline = Date.now() + serverStartMs;
  while (!(await accepts(port))) {
    if (!server.running()) throw new Error(`the time-skipping test server exited:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`the time-skipping test server did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Temporal's time-skipping test server, from the cache `npm run setup` filled (no download). We start
 * it ourselves rather than through `createTimeSkipping`, whose start gives the JVM 5 s: a loaded laptop
 * misses that, and the whole file then fails before its first test.
 */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const binary = resolveTestServer(readEnvironment());
  if (!binary.path) return TestWorkflowEnvironment.createTimeSkipping();
  const port = await freePort();
  const server = startProcess('temporal test server', binary.path, [String(port)]);
  try {
    await waitForServer(server, port);
    const create = (TestWorkflowEnvironment as unknown as { create: CreateEnvironment }).create.bind(
      TestWorkflowEnvironment,
    );
    const env = await create({
      server: { type: 'existing' },
      address: `127.0.0.1:${port}`,
      namespace: 'default',
      supportsTimeSkipping: true,
      connectionOptions: { channelArgs: { 'grpc.keepalive_time_ms': keepaliveMs } },
    });
    const closeConnections = env.teardown.bind(env);
    env.teardown = async () => {
      await closeConnections();
      await server.stop();
    };
    return env;
  } catch (error) {
    await server.stop();
    throw error;
  }
}
