/**
 * `npm start`: the embedded default. Starts Temporal (dev server), PostgreSQL (embedded unless
 * DATABASE_URL), migrations, the worker and the API; prints where everything is; stops cleanly on
 * Ctrl-C or SIGTERM.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError, readEnvironment } from '../config/env.js';
import { createHttpApp } from '../server/create-http-app.js';
import { createLogger } from '../system/logger.js';
import { startSystem } from '../system/start-system.js';

let env: ReturnType<typeof readEnvironment>;
try {
  env = readEnvironment();
} catch (error) {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
const logger = createLogger(env.LOG_LEVEL);
const system = await startSystem(env, logger, createHttpApp);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
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

const lines = [
  '',
  'feisutong 飞速通 is running',
  `  API          ${system.apiUrl}`,
  `  API docs     ${system.docsUrl}   (OpenAPI: ${system.apiUrl}/openapi.json)`,
  `  Health       ${system.apiUrl}/healthz`,
  `  Temporal     ${system.temporalAddress}${system.temporalUiUrl ? `   web UI: ${system.temporalUiUrl}` : ''}`,
  `  PostgreSQL   ${system.databaseOrigin === 'embedded' ? `embedded, data in ${join(env.FEISUTONG_DATA_DIR, 'postgres')}` : 'DATABASE_URL'}`,
];
if (system.credentials.length > 0) {
  const file = join(env.FEISUTONG_DATA_DIR, 'first-start-credentials.txt');
  const text = system.credentials.map((c) => `${c.what}: ${c.username ? `${c.username} / ` : ''}${c.secret}`);
  await writeFile(file, `${text.join('\n')}\n`, { mode: 0o600 });
  lines.push(
    '',
    `  First start: accounts created (shown once, also in ${file}):`,
    ...text.map((t) => `    ${t}`),
  );
}
lines.push('', '  Ctrl-C stops everything.', '');
console.log(lines.join('\n'));
