import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../pages/shared/session.js';
import { parseApiKey } from '../../use-cases/auth/api-keys.js';
import { caseApi } from '../helpers/case-api.js';
import {
  createInstitution,
  createStaff,
  createUnit,
  type TestUser,
  testTokenSecret,
} from '../helpers/staff.js';
import { startTestSystem, type TestSystem, testCallbackSigningKey } from '../helpers/test-system.js';
import { requestFrom } from './http-from.js';

/**
 * Everything the API logs at debug level while people log in, use tokens and keys, administer
 * credentials and make mistakes, captured and searched for the secrets that passed through it. The
 * logger here is plain pino without the production redaction list: nothing may depend on redaction
 * to keep a secret out of the log.
 */
describe('no secrets in the logs', () => {
  const captured: string[] = [];
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let mediator: TestUser;
  let admin: TestUser;
  let court: Awaited<ReturnType<typeof createInstitution>>;
  const secrets = new Map<string, string>([
    ['the token secret', testTokenSecret],
    ['the callback signing key', testCallbackSigningKey],
  ]);

  beforeAll(async () => {
    const logger = pino({ level: 'debug' }, { write: (line: string) => void captured.push(line) });
    system = await startTestSystem({ logger });
    api = caseApi(system);
    const unit = await createUnit(system.database.db);
    [mediator, admin] = await Promise.all([
      createStaff(system.database.db, 'mediator', unit.id),
      createStaff(system.database.db, 'admin', null),
    ]);
    court = await createInstitution(system.database.db, 'court', '日志测试法院');
    secrets.set('a staff password', mediator.password);
    secrets.set('the admin password', admin.password);
    secrets.set('an API key', court.apiKey);
    // The secret part is base64url and may itself hold '_': parse it, never split on '_'.
    secrets.set('an API key’s secret part', parseApiKey(court.apiKey)!.secret);
  });
  afterAll(() => system?.stop());

  it('keeps passwords, tokens, API keys and signing secrets out of everything logged', async () => {
    // Logging in: right, wrong (a near miss is as secret as the password), and through the dashboard.
    const wrongPassword = `${mediator.password}x`;
    secrets.set('a mistyped password', wrongPassword);
    await api.call(
      'POST',
      '/v1/auth/token',
      '',
      { username: mediator.username, password: wrongPassword },
      401,
    );
    const issued = await api.call(
      'POST',
      '/v1/auth/token',
      '',
      { username: mediator.username, password: mediator.password },
      200,
    );
    const token = issued.accessToken as string;
    secrets.set('an issued bearer token', token);
    secrets.set('a bearer token’s signature', token.split('.')[2]!);
    const adminLogin = await api.call(
      'POST',
      '/v1/auth/token',
      '',
      { username: admin.username, password: admin.password },
      200,
    );
    const adminToken = adminLogin.accessToken as string;
    secrets.set('the admin’s bearer token', adminToken);
    const form = await requestFrom(`${system.baseUrl}/dashboard/login`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: admin.username, password: admin.password }).toString(),
    });
    expect(form.status).toBe(303);
    const cookie = String(form.headers['set-cookie']).split(';')[0]!;
    const sessionToken = cookie.split('=')[1]!;
    secrets.set('a dashboard session', sessionToken);
    secrets.set('a dashboard CSRF token', csrfTokenFor(sessionToken, testTokenSecret));

    // Using them.
    await api.call('GET', '/v1/inbox', token, undefined, 200);
    await api.call('GET', '/v1/court/referrals', court.apiKey, undefined, 200);
    const page = await fetch(`${system.baseUrl}/dashboard`, { headers: { cookie } });
    expect(page.status).toBe(200);

    // Administering credentials: a new account, a password reset, a new API key, a callback secret.
    const newPassword = 'a-brand-new-password-2026';
    const resetPassword = 'the-reset-password-2026!';
    secrets.set('a new account’s password', newPassword);
    secrets.set('a reset password', resetPassword);
    const created = await api.call(
      'POST',
      '/v1/admin/users',
      adminToken,
      {
        username: 'log-test-clerk',
        displayName: '日志测试',
        role: 'clerk',
        unitId: mediator.unitId,
        password: newPassword,
      },
      201,
    );
    await api.call('PATCH', `/v1/admin/users/${created.id}`, adminToken, { password: resetPassword }, 200);
    const key = await api.call('POST', `/v1/admin/institutions/${court.id}/api-keys`, adminToken, {}, 201);
    secrets.set('a newly issued API key', key.key as string);
    const callback = await api.call(
      'GET',
      `/v1/admin/institutions/${court.id}/callback-secret`,
      adminToken,
      undefined,
      200,
    );
    secrets.set('a callback secret', callback.secret as string);

    // Mistakes: a tampered token, a revoked key, malformed and oversized bodies, wrong routes, throttling.
    await api.call('GET', '/v1/inbox', `${token.slice(0, -4)}AAAA`, undefined, 401);
    await api.call('GET', '/v1/inbox', `${token}x`, undefined, 401);
    await api.call(
      'DELETE',
      `/v1/admin/institutions/${court.id}/api-keys/${key.keyId}`,
      adminToken,
      undefined,
      200,
    );
    await api.call('GET', '/v1/court/referrals', key.key as string, undefined, 401);
    await api.call('GET', '/v1/admin/users', token, undefined, 403);
    await api.call('GET', '/v1/cases/HLBE-2026-999999', token, undefined, 404);
    await api.call(
      'POST',
      '/v1/auth/token',
      '',
      { username: mediator.username, password: mediator.password, extra: 1 },
      400,
    );
    const broken = await system.request('POST', '/v1/auth/token', {
      body: `{"username":"${mediator.username}","password":"${mediator.password}"`,
    });
    expect(broken.status).toBe(400);
    await api.call('POST', '/v1/admin/users', adminToken, { username: 'x', password: newPassword }, 400);
    const big = await requestFrom(`${system.baseUrl}/v1/cases`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ password: mediator.password, padding: 'x'.repeat(1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    for (let i = 0; i < 6; i++)
      await system.request('POST', '/v1/auth/token', {
        body: { username: mediator.username, password: `${wrongPassword}${i}` },
      });
    const throttled = await system.request('POST', '/v1/auth/token', {
      body: { username: mediator.username, password: mediator.password },
    });
    expect(throttled.status).toBe(429);

    const log = captured.join('');
    // The capture works: the events above were logged.
    expect(log).toContain('login refused');
    expect(log).toContain('login throttled');
    expect(log).toContain('API key issued');
    expect(log).toContain('user updated');
    const leaked = [...secrets].filter(([, secret]) => log.includes(secret)).map(([what]) => what);
    expect(leaked).toEqual([]);
  });
});
