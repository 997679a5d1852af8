import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp as App } from '../../server/create-http-app.js';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * A mediator's password leaks; the admin resets it. Whoever held the mediator's token must lose access
 * at once, not when the token expires hours later, while the mediator logs in again with the new one.
 * Disabling an account revokes its tokens the same way, for good: enabling it again does not revive them.
 */
describe('tokens issued before a password reset or a disabling are refused', () => {
  let database: TestDatabase;
  let app: App;
  let admin: TestUser;
  let mediator: TestUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = createAppWithoutTemporal(database);
    const unit = await createUnit(database.db, '令牌测试中心');
    [admin, mediator] = await Promise.all([
      createStaff(database.db, 'admin', null),
      createStaff(database.db, 'mediator', unit.id),
    ]);
  });
  afterAll(() => database?.drop());

  const call = (method: string, path: string, credential?: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  async function logIn(password: string): Promise<Response> {
    return call('POST', '/v1/auth/token', undefined, { username: mediator.username, password });
  }

  async function tokenFor(password: string): Promise<string> {
    const response = await logIn(password);
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  async function expectRevoked(token: string): Promise<void> {
    const response = await call('GET', '/v1/me/relations', token);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('authentication_required');
    expect(problem.detail).toMatch(/revoked/);
  }

  async function dashboardSession(password: string): Promise<string> {
    const response = await app.request('/dashboard/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: mediator.username, password }).toString(),
    });
    expect(response.status).toBe(303);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('refuses a token and a dashboard session from before a password reset, and lets a new login in', async () => {
    const leaked = await tokenFor(mediator.password);
    const session = await dashboardSession(mediator.password);
    expect((await call('GET', '/v1/me/relations', leaked)).status).toBe(200);
    // The test helper's own token (issued before any reset, version 0) works as well until then.
    expect((await call('GET', '/v1/me/relations', mediator.token)).status).toBe(200);
    // A mediator's session is a valid one, only not allowed the supervisors' pages.
    expect((await app.request('/dashboard', { headers: { cookie: session } })).status).toBe(403);

    const newPassword = 'a-fresh-password-after-the-leak';
    const reset = await call('PATCH', `/v1/admin/users/${mediator.id}`, admin.token, {
      password: newPassword,
    });
    expect(reset.status).toBe(200);
    expect(await reset.json()).not.toHaveProperty('tokenVersion');

    await expectRevoked(leaked);
    await expectRevoked(mediator.token);
    const page = await app.request('/dashboard', { headers: { cookie: session } });
    // Now the session is over: back to the login page.
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/dashboard\/login/);

    expect((await logIn(mediator.password)).status).toBe(401);
    const fresh = await tokenFor(newPassword);
    expect((await call('GET', '/v1/me/relations', fresh)).status).toBe(200);
    mediator.password = newPassword;
  });

  it('refuses a token from before the account was disabled, also after it is enabled again', async () => {
    const before = await tokenFor(mediator.password);
    const disable = await call('PATCH', `/v1/admin/users/${mediator.id}`, admin.token, { active: false });
    expect(disable.status).toBe(200);
    expect((await call('GET', '/v1/me/relations', before)).status).toBe(401);
    expect((await logIn(mediator.password)).status).toBe(401);

    const enable = await call('PATCH', `/v1/admin/users/${mediator.id}`, admin.token, { active: true });
    expect(enable.status).toBe(200);
    await expectRevoked(before);
    const after = await tokenFor(mediator.password);
    expect((await call('GET', '/v1/me/relations', after)).status).toBe(200);

    // Other changes (a new display name) leave issued tokens alone.
    const renamed = await call('PATCH', `/v1/admin/users/${mediator.id}`, admin.token, {
      displayName: '调解员乙',
    });
    expect(renamed.status).toBe(200);
    expect((await call('GET', '/v1/me/relations', after)).status).toBe(200);
  });
});
