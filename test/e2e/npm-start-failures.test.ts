import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../config/env.js';
import { resolveTemporalCli } from '../../config/temporal-binaries.js';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.js';
import { verifyPassword } from '../../use-cases/auth/passwords.js';
import { freePort } from '../helpers/ports.js';
import {
  killStartedProcesses,
  type RunningProcess,
  startProcess,
  startTemporalDevServerProcess,
} from '../helpers/processes.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/**
 * The operator's first hour (issue 19, items 11–14): each case starts `npm start` from a fresh data
 * folder, makes it fail, and checks the single line it prints on stderr and that nothing it started
 * is left running (no PostgreSQL, no Temporal dev server, no stale postmaster.pid).
 */
function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', text]).toString().trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function nothingLeftUsing(folder: string): Promise<void> {
  await expect.poll(() => processesMentioning(folder), { timeout: 20_000 }).toEqual([]);
  expect(existsSync(join(folder, 'postgres', 'postmaster.pid'))).toBe(false);
}

/** The lines on stderr, without npm's own banner. */
function errorLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('feisutong:') || /Error|at .*\(|^\s+at /.test(line));
}

interface Started {
  process: RunningProcess;
  stderr(): string;
  folder: string;
}

const folders: Awaited<ReturnType<typeof makeTempDir>>[] = [];

async function npmStart(extra: NodeJS.ProcessEnv, args: string[] = ['start']): Promise<Started> {
  const folder = await makeTempDir('operator');
  folders.push(folder);
  const [port, temporalPort, uiPort, pgPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FEISUTONG_DATA_DIR: folder.path,
    PORT: String(port),
    TEMPORAL_DEV_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    LOG_LEVEL: 'info',
    DATABASE_URL: undefined,
    TEMPORAL_ADDRESS: undefined,
    ...extra,
  };
  for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS'] as const)
    if (env[key] === undefined) delete env[key];
  for (const [key, value] of Object.entries(extra)) if (value === undefined) delete env[key];
  const started = startProcess('npm start', 'npm', args, { env });
  let stderr = '';
  started.child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return { process: started, stderr: () => stderr, folder: folder.path };
}

/** Ctrl-C in a terminal: SIGINT to the whole foreground process group, and nothing more. */
function ctrlC(started: RunningProcess): void {
  process.kill(-started.pid, 'SIGINT');
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

afterEach(async () => {
  await killStartedProcesses();
});
afterAll(async () => {
  for (const folder of folders) await folder.remove();
});

describe('npm start that cannot start says so in one line and leaves nothing running', {
  timeout: 240_000,
}, () => {
  it('12: a busy PORT is found before anything starts', async () => {
    const busyPort = await freePort();
    const busy = await listen(busyPort);
    try {
      const run = await npmStart({ PORT: String(busyPort) });
      const { code } = await run.process.exited;
      expect(code).toBe(1);
      expect(errorLines(run.stderr())).toEqual([
        expect.stringMatching(
          new RegExp(
            `^feisutong: port ${busyPort} is in use \\(PORT\\); stop whatever uses it or set PORT to a free port, e\\.g\\. PORT=\\d+$`,
          ),
        ),
      ]);
      // Nothing was started: no PostgreSQL cluster, no dev server database.
      expect(existsSync(join(run.folder, 'postgres'))).toBe(false);
      expect(existsSync(join(run.folder, 'temporal.sqlite'))).toBe(false);
      await nothingLeftUsing(run.folder);
    } finally {
      busy.close();
    }
  });

  it('13: a TEMPORAL_DEV_PORT where another instance’s dev server runs is refused, not joined', async () => {
    const binary = resolveTemporalCli({ ...readEnvironment(), PATH: process.env.PATH });
    if (!binary.path) throw new Error('run `npm run setup` first: the Temporal CLI is not in the cache');
    const other = await makeTempDir('other-instance');
    folders.push(other);
    const otherPort = await freePort();
    await startTemporalDevServerProcess({
      cli: binary.path,
      port: otherPort,
      dbFilename: join(other.path, 'temporal.sqlite'),
    });
    const run = await npmStart({ TEMPORAL_DEV_PORT: String(otherPort) });
    const { code } = await run.process.exited;
    expect(code).toBe(1);
    expect(errorLines(run.stderr())).toEqual([
      expect.stringMatching(
        new RegExp(
          `^feisutong: port ${otherPort} is in use \\(TEMPORAL_DEV_PORT\\); stop whatever uses it or set TEMPORAL_DEV_PORT to a free port, e\\.g\\. TEMPORAL_DEV_PORT=\\d+$`,
        ),
      ),
    ]);
    expect(run.process.output()).not.toContain('is running');
    await nothingLeftUsing(run.folder);
  });

  it('14: PORT=abc is reported by prestart in one line, without a stack', async () => {
    const run = await npmStart({ PORT: 'abc' });
    const { code } = await run.process.exited;
    expect(code).toBe(2);
    expect(errorLines(run.stderr())).toEqual([
      'feisutong: invalid configuration: PORT: must be a port number from 0 to 65535; correct these environment variables and start again',
    ]);
    await nothingLeftUsing(run.folder);
  });

  it('14: an unreachable DATABASE_URL is named, before the dev server starts', async () => {
    const closed = await freePort();
    const run = await npmStart({ DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${closed}/feisutong` });
    const { code } = await run.process.exited;
    expect(code).toBe(1);
    expect(errorLines(run.stderr())).toEqual([
      `feisutong: PostgreSQL at 127.0.0.1:${closed} (DATABASE_URL) is not reachable (ECONNREFUSED); start it or correct DATABASE_URL`,
    ]);
    expect(run.stderr()).not.toContain('secret');
    expect(existsSync(join(run.folder, 'temporal.sqlite'))).toBe(false);
    await nothingLeftUsing(run.folder);
  });

  it('14: an unreachable TEMPORAL_ADDRESS is named; the stack comes only at LOG_LEVEL=debug', async () => {
    const closed = await freePort();
    const run = await npmStart({ TEMPORAL_ADDRESS: `127.0.0.1:${closed}` });
    const { code } = await run.process.exited;
    expect(code).toBe(1);
    expect(errorLines(run.stderr())).toEqual([
      expect.stringMatching(
        new RegExp(
          `^feisutong: Temporal at 127\\.0\\.0\\.1:${closed} \\(TEMPORAL_ADDRESS\\) is not reachable \\(.+\\); start it or correct TEMPORAL_ADDRESS$`,
        ),
      ),
    ]);
    expect(existsSync(join(run.folder, 'postgres'))).toBe(false);
    await nothingLeftUsing(run.folder);

    const debug = await npmStart({ TEMPORAL_ADDRESS: `127.0.0.1:${closed}`, LOG_LEVEL: 'debug' });
    await debug.process.exited;
    expect(debug.stderr()).toMatch(/^feisutong: Temporal at /m);
    expect(debug.stderr()).toMatch(/^\s+at /m);
  });
});

describe('14: Ctrl-C while the embedded PostgreSQL is being initialised', { timeout: 240_000 }, () => {
  it('prints one line, no raw bytes, and leaves no process behind', async () => {
    const run = await npmStart({});
    await run.process.waitForOutput(/starting the database/, 150_000);
    ctrlC(run.process);
    // npm may exit before its child has unwound the start: wait for the child's line.
    await expect
      .poll(() => errorLines(run.stderr()), { timeout: 60_000 })
      .toEqual(['feisutong: start-up interrupted by SIGINT; everything it had started was stopped']);
    const { code, signal } = await run.process.exited;
    expect([130, 'SIGINT']).toContain(code ?? signal);
    expect(run.stderr()).not.toMatch(/<Buffer|\bBuffer\b/);
    await nothingLeftUsing(run.folder);
  });
});

describe('11: Ctrl-C during the first start, after the admin account was created', {
  timeout: 240_000,
}, () => {
  it('keeps the one-time passwords in the data folder (0600), stops everything, and the password can be reset', async () => {
    const run = await npmStart({ FEISUTONG_ADMIN_PASSWORD: undefined, FEISUTONG_ADMIN_USERNAME: undefined });
    await run.process.waitForOutput(/admin account created/, 150_000);
    // Ctrl-C in a terminal signals the whole foreground process group.
    ctrlC(run.process);
    await expect
      .poll(() => run.stderr(), { timeout: 60_000 })
      .toMatch(/^feisutong: start-up interrupted by SIGINT; everything it had started was stopped$/m);
    const { code, signal } = await run.process.exited;
    expect([130, 'SIGINT']).toContain(code ?? signal);
    await nothingLeftUsing(run.folder);

    const file = join(run.folder, 'first-start-credentials.txt');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const firstPassword = /系统管理员: admin \/ (\S+)/.exec(await readFile(file, 'utf8'))?.[1];
    expect(firstPassword).toBeDefined();

    // The password in the file opens the account the interrupted start created.
    const pgPort = await freePort();
    const postgres = await startEmbeddedPostgres({ dataDir: join(run.folder, 'postgres'), port: pgPort });
    const adminHash = async () => {
      const sql = (await import('postgres')).default(postgres.url, { max: 1, onnotice: () => {} });
      try {
        const [row] = await sql`select password_hash from users where username = 'admin'`;
        return String(row!.password_hash);
      } finally {
        await sql.end();
      }
    };
    try {
      expect(await verifyPassword(firstPassword!, await adminHash())).toBe(true);

      // With the database running (as under npm start), the reset uses it.
      const reset = startProcess('reset', 'npm', ['run', '--silent', 'admin:reset-password'], {
        env: {
          ...process.env,
          FEISUTONG_DATA_DIR: run.folder,
          EMBEDDED_POSTGRES_PORT: String(pgPort),
          LOG_LEVEL: 'warn',
        },
      });
      const ended = await reset.exited;
      expect(ended.code, reset.output()).toBe(0);
      const newPassword = /admin account admin: new password (\S+) \(also in /.exec(reset.output())?.[1];
      expect(newPassword).toBeDefined();
      expect(newPassword).not.toBe(firstPassword);
      expect(await readFile(file, 'utf8')).toContain(`系统管理员（重设）: admin / ${newPassword}`);
      expect(await verifyPassword(newPassword!, await adminHash())).toBe(true);
      expect(await verifyPassword(firstPassword!, await adminHash())).toBe(false);
    } finally {
      await postgres.stop();
    }
    // With npm start stopped, the reset starts the folder's database for the occasion and stops it.
    const stopped = startProcess('reset', 'npm', ['run', '--silent', 'admin:reset-password'], {
      env: { ...process.env, FEISUTONG_DATA_DIR: run.folder, EMBEDDED_POSTGRES_PORT: String(pgPort) },
    });
    expect((await stopped.exited).code, stopped.output()).toBe(0);
    expect(stopped.output()).toMatch(/^admin account admin: new password \S+ \(also in /m);
    await nothingLeftUsing(run.folder);
  });
});
