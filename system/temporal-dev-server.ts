import { TestWorkflowEnvironment } from '@temporalio/testing';
import { type BinarySettings, resolveTemporalCli, toExecutable } from '../config/temporal-binaries.js';

interface DevServerOptions {
  binaries: BinarySettings;
  namespace: string;
  port: number;
  uiPort: number;
  /** SQLite file that keeps workflows across restarts. */
  dbFilename: string;
  /**
   * The server's own log on stderr: `never` by default, so that a failed or interrupted start prints
   * only our one line (a stopped server logs its cancelled work as errors); `error` at LOG_LEVEL=debug.
   */
  serverLogLevel: 'error' | 'never';
}

export interface RunningDevServer {
  address: string;
  uiUrl: string;
  binary: string;
  stop(): Promise<void>;
}

/** The real Temporal server (the CLI's dev server) with SQLite persistence and its web UI. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const cli = resolveTemporalCli(options.binaries);
  const environment = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: toExecutable(cli),
      ip: '127.0.0.1',
      port: options.port,
      ui: true,
      uiPort: options.uiPort,
      namespace: options.namespace,
      dbFilename: options.dbFilename,
      log: { format: 'pretty', level: options.serverLogLevel },
    },
  });
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    binary: cli.path ?? 'downloaded by the SDK',
    stop: () => environment.teardown(),
  };
}
