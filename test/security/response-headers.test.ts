import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * What every response carries beside its body: security headers on every HTML page (the API's /docs
 * as much as the dashboard), no caching of anything that carries a token or personal data, and a
 * request id the server chose.
 */
describe('response headers, pages and API alike', () => {
  const captured: string[] = [];
  let database: TestDatabase;
  let app: ReturnType<typeof createAppWithoutTemporal>;
  let clerk: TestUser;
  let admin: TestUser;
  let court: Awaited<ReturnType<typeof createInstitution>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const unit = await createUnit(database.db);
    [clerk, admin] = await Promise.all([
      createStaff(database.db, 'clerk', unit.id),
      createStaff(database.db, 'admin', null),
    ]);
    court = await createInstitution(database.db, 'court', '响应头测试法院');
    const logger = pino({ level: 'info' }, { write: (line: string) => void captured.push(line) });
    app = createAppWithoutTemporal(database, { logger });
  });
  afterAll(() => database?.drop());

  const get = (path: string, credential?: string, headers: Record<string, string> = {}) =>
    app.request(path, {
      headers: { ...headers, ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
    });

  it.each(['/docs', '/dashboard/login'])('puts the security headers on the HTML page %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('script-src');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('keeps tokens and personal data out of caches: no-store on the token, case lists, referrals, users and refusals', async () => {
    const login = await app.request('/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: clerk.username, password: clerk.password }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    for (const [path, credential] of [
      ['/v1/cases', clerk.token],
      ['/v1/court/referrals', court.apiKey],
      ['/v1/admin/users', admin.token],
      ['/v1/inbox', clerk.token],
      ['/v1/cases', undefined],
    ] as const) {
      const response = await get(path, credential);
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('makes its own request id, and logs a client’s apart as clientRequestId', async () => {
    captured.length = 0;
    const chosen = 'client-chosen-id-0001';
    const first = await get('/v1/cases', clerk.token, { 'x-request-id': chosen });
    const second = await get('/v1/cases', clerk.token, { 'x-request-id': chosen });
    const ids = [first, second].map((response) => response.headers.get('x-request-id'));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
    // A refusal logs a line with both ids: ours as requestId, theirs apart.
    await app.request('/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `${chosen}\t {"forged":true}` },
      body: JSON.stringify({ username: 'nobody-here', password: 'wrong' }),
    });
    const lines = captured.map((line) => JSON.parse(line) as Record<string, unknown>);
    const refused = lines.find((line) => line.msg === 'login refused')!;
    expect(refused.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused.requestId).not.toContain(chosen);
    expect(refused.clientRequestId).toBe(`${chosen}{"forged":true}`);
    expect(lines.some((line) => line.requestId === chosen)).toBe(false);
  });

  it('refuses a token whose signature is spelt another way (a changed last character, padding)', async () => {
    const last = clerk.token.at(-1)!;
    // The last of 43 characters carries 4 bits of the signature and 2 unused ones: a character that
    // differs only in those Node's lenient decoder reads as the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = alphabet.indexOf(last);
    const sameBytes = alphabet[(index & ~3) + ((index + 1) & 3)]!;
    for (const forged of [`${clerk.token.slice(0, -1)}${sameBytes}`, `${clerk.token}=`]) {
      const response = await get('/v1/cases', forged);
      expect(response.status, forged.slice(-3)).toBe(401);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/bad.signature/);
    }
    expect((await get('/v1/cases', clerk.token)).status).toBe(200);
  });
});
