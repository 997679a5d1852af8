import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', text]).toString().trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited early (${code}):\n${output}`));
    });
  });
}

describe('npm start, the embedded default, as a newcomer runs it', () => {
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  let child: ChildProcess;
  let output: string;
  let apiPort: number;

  beforeAll(async () => {
    folder = await makeTempDir('start');
    const [port, temporalPort, uiPort, pgPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    apiPort = port;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      FEISUTONG_DATA_DIR: folder.path,
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      FEISUTONG_ADMIN_USERNAME: 'centre-admin',
      FEISUTONG_ADMIN_PASSWORD: 'a-long-admin-password-from-env',
      AUTH_TOKEN_SECRET: 'start-test-secret-start-test-secret-42',
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    delete env.TEMPORAL_ADDRESS;
    child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    output = await waitForOutput(child, /Ctrl-C stops everything/, 150_000);
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const line of processesMentioning(folder.path)) {
      process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    }
    await folder.remove();
  });

  it('prints the API, docs and Temporal UI URLs, and they answer', async () => {
    expect(output).toContain(`API          http://127.0.0.1:${apiPort}`);
    const uiUrl = /web UI: (http:\/\/\S+)/.exec(output)?.[1];
    expect(uiUrl).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${apiPort}/docs`)).status).toBe(200);
    expect((await fetch(uiUrl!)).status).toBe(200);
  });

  it('reports Temporal and PostgreSQL reachable on /healthz', async () => {
    const response = await fetch(`http://127.0.0.1:${apiPort}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('registers a case with the demo clerk whose one-time password it printed', async () => {
    const password = /窗口受理员: clerk \/ (\S+)/.exec(output)?.[1];
    expect(password).toBeDefined();
    expect(output).not.toContain('a-long-admin-password-from-env');
    const login = await fetch(`http://127.0.0.1:${apiPort}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const registered = await fetch(`http://127.0.0.1:${apiPort}/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        source: 'hotline',
        summary: '劳务费拖欠',
        parties: [{ kind: 'person', name: '孙七', role: 'applicant' }],
      }),
    });
    expect(registered.status).toBe(201);
    const adminLogin = await fetch(`http://127.0.0.1:${apiPort}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'centre-admin', password: 'a-long-admin-password-from-env' }),
    });
    expect(adminLogin.status).toBe(200);
  });

  it('keeps its data private: no one else may list the folder or read the payload key and the Temporal SQLite file', async () => {
    // Group and others get at most the x bit (PostgreSQL's own OS user passes through when run as root).
    expect((await stat(folder.path)).mode & 0o066).toBe(0);
    for (const file of ['payload-encryption-keys', 'temporal.sqlite']) {
      expect((await stat(join(folder.path, file))).mode & 0o777).toBe(0o600);
    }
    expect(await readFile(join(folder.path, 'payload-encryption-keys'), 'utf8')).toMatch(
      /^embedded-[\d-]+:\S{44}\n$/,
    );
  });

  it('stops on SIGTERM and leaves no server process behind', async () => {
    expect(processesMentioning(folder.path).length).toBeGreaterThan(0); // Temporal and PostgreSQL use it
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(`${code ?? signal}`)),
    );
    child.kill('SIGTERM');
    // npm re-raises the signal on itself once its child has exited cleanly.
    expect(['0', 'SIGTERM']).toContain(await exited);
    // npm may exit before its child has finished the orderly shutdown; give that a bounded time.
    const deadline = Date.now() + 20_000;
    while (processesMentioning(folder.path).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(processesMentioning(folder.path)).toEqual([]);
  });
});
