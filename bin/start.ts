/**
 * `npm start`: the embedded default. Starts Temporal (dev server), PostgreSQL (embedded unless
 * DATABASE_URL), migrations, the worker and the API; prints where everything is; stops cleanly on
 * Ctrl-C or SIGTERM.
 */
import { join } from 'node:path';
import { readEnvironment } from '../config/env.js';
import { createHttpApp } from '../server/create-http-app.js';
import { credentialLine, credentialsFile } from '../system/first-start-credentials.js';
import { createLogger } from '../system/logger.js';
import { startSystem } from '../system/start-system.js';
import { reportStartupFailure, StartupInterrupted, startupExitCode } from '../system/startup-error.js';

let env: ReturnType<typeof readEnvironment>;
try {
  env = readEnvironment();
} catch (error) {
  reportStartupFailure(error, process.env.LOG_LEVEL);
  process.exit(startupExitCode(error));
}
const logger = createLogger(env.LOG_LEVEL);

// A signal during the start aborts it (what was started is stopped); afterwards it shuts down.
const starting = new AbortController();
let system: Awaited<ReturnType<typeof startSystem>> | undefined;
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (!system) {
    starting.abort(signal);
    // The step under way finishes before the start unwinds; should it hang, do not hang with it.
    setTimeout(() => process.exit(130), 60_000).unref();
    return;
  }
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    logger.error('shutdown took longer than 30 s; exiting anyway');
    process.exit(1);
  }, 30_000).unref();
  await system.stop();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
// If whatever started us goes away without passing the signal on, stop rather than linger.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown('parent exited');
}, 1000).unref();

try {
  system = await startSystem(env, logger, createHttpApp, starting.signal);
} catch (error) {
  const failure = starting.signal.aborted
    ? new StartupInterrupted(String(starting.signal.reason), { cause: error })
    : error;
  reportStartupFailure(failure, env.LOG_LEVEL);
  process.exit(startupExitCode(failure));
}

const lines = [
  '',
  'feisutong 飞速通 is running',
  `  API          ${system.apiUrl}`,
  `  API docs     ${system.docsUrl}   (OpenAPI: ${system.apiUrl}/openapi.json)`,
  `  Health       ${system.apiUrl}/healthz`,
  `  Citizens     ${system.apiUrl}/my   (飞速通 H5: sign-in codes are printed here as SMS lines)`,
  `  Temporal     ${system.temporalAddress}${system.temporalUiUrl ? `   web UI: ${system.temporalUiUrl}` : ''}`,
  `  PostgreSQL   ${system.databaseOrigin === 'embedded' ? `embedded, data in ${join(env.FEISUTONG_DATA_DIR, 'postgres')}` : 'DATABASE_URL'}`,
];
if (system.credentials.length > 0) {
  lines.push(
    '',
    `  First start: accounts created (shown once, also in ${credentialsFile(env.FEISUTONG_DATA_DIR)}):`,
    ...system.credentials.map((credential) => `    ${credentialLine(credential)}`),
  );
}
lines.push('', '  Ctrl-C stops everything.', '');
console.log(lines.join('\n'));
