import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { requestFrom } from './http-from.js';

/**
 * A stranger cannot lock a colleague out: failures count per account *and* address, so guessing from
 * one address stops that address for that account only. What the log keeps of a failed login is a
 * hash prefix of the username typed, never the text (people type their password into the wrong box).
 */
describe('failed logins over real HTTP, API and dashboard', () => {
  const captured: string[] = [];
  let database: TestDatabase;
  let server: ServerType;
  let baseUrl: string;
  let clerk: TestUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    clerk = await createStaff(database.db, 'clerk', (await createUnit(database.db)).id);
    const logger = pino({ level: 'debug' }, { write: (line: string) => void captured.push(line) });
    const app = createAppWithoutTemporal(database, { logger });
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await database?.drop();
  });

  const login = (username: string, password: string, from: string) =>
    requestFrom(`${baseUrl}/v1/auth/token`, {
      localAddress: from,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const dashboardLogin = (username: string, password: string, from: string) =>
    requestFrom(`${baseUrl}/dashboard/login`, {
      localAddress: from,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password }).toString(),
    });

  it('lets the clerk log in from the office while a stranger fails 50 times from elsewhere', async () => {
    const attacker = '127.0.0.41';
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await login(clerk.username, `Guess-${i}!`, attacker)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).filter((status) => !(status === 429))).toEqual([]);

    // The clerk, from the office's address, by the API and by the dashboard.
    expect((await login(clerk.username, clerk.password, '127.0.0.42')).status).toBe(200);
    expect((await dashboardLogin(clerk.username, clerk.password, '127.0.0.43')).status).toBe(303);

    // The pair limit still bites: the right password from the attacker's address is refused.
    const stopped = await login(clerk.username, clerk.password, attacker);
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(800);
    expect((await dashboardLogin(clerk.username, clerk.password, attacker)).status).toBe(429);
  });

  it('logs a SHA-256 prefix of the username typed, never the text', async () => {
    const passwordAsUsername = 'Spring2026!MyRealPassword';
    captured.length = 0;
    expect((await login(passwordAsUsername, 'x', '127.0.0.51')).status).toBe(401);
    expect((await dashboardLogin(passwordAsUsername, 'x', '127.0.0.51')).status).toBe(401);
    for (let i = 0; i < 4; i++) await login(passwordAsUsername, 'x', '127.0.0.51');
    expect((await login(passwordAsUsername, 'x', '127.0.0.51')).status).toBe(429);
    expect((await dashboardLogin(passwordAsUsername, 'x', '127.0.0.51')).status).toBe(429);

    const log = captured.join('');
    expect(log).not.toContain(passwordAsUsername);
    expect(log).not.toContain('MyRealPassword');
    const fingerprint = createHash('sha256').update(passwordAsUsername).digest('hex').slice(0, 12);
    const lines = captured.map((line) => JSON.parse(line) as { msg: string; usernameSha256?: string });
    for (const msg of [
      'login refused',
      'dashboard login refused',
      'login throttled',
      'dashboard login throttled',
    ])
      expect(lines.find((line) => line.msg === msg)?.usernameSha256, msg).toBe(fingerprint);
  });
});
