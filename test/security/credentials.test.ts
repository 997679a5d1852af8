import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../use-cases/auth/tokens.js';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser, testTokenSecret } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';
import { requestFrom } from './http-from.js';

const oneMiB = 1024 * 1024;

function reencode(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('credentials: tokens, API keys, login limits and body limits over real HTTP', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const unit = await createUnit(system.database.db);
    [clerk, admin] = await Promise.all([
      createStaff(system.database.db, 'clerk', unit.id),
      createStaff(system.database.db, 'admin', null),
    ]);
  });
  afterAll(() => system?.stop());

  async function refused(credential: string, why: RegExp) {
    const response = await system.request('GET', '/v1/cases', { credential });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const body = (await response.json()) as { code: string; detail: string };
    expect(body.code).toBe('authentication_required');
    expect(body.detail).toMatch(why);
  }

  describe('staff tokens', () => {
    const tokenFor = (
      user: TestUser,
      overrides: { ttlSeconds?: number; now?: Date; audience?: string; secret?: string } = {},
    ) =>
      issueToken({
        userId: user.id,
        role: user.role,
        unitId: user.unitId,
        secret: overrides.secret ?? testTokenSecret,
        ttlSeconds: overrides.ttlSeconds ?? 3600,
        ...(overrides.now ? { now: overrides.now } : {}),
        ...(overrides.audience ? { audience: overrides.audience } : {}),
      }).token;

    it('accepts a fresh token', async () => {
      expect((await system.request('GET', '/v1/cases', { credential: tokenFor(clerk) })).status).toBe(200);
    });

    it('refuses an expired token', async () => {
      await refused(tokenFor(clerk, { ttlSeconds: 60, now: new Date(Date.now() - 2 * 3600_000) }), /expired/);
      await refused(tokenFor(clerk, { ttlSeconds: 0 }), /expired/);
    });

    it('refuses a token whose claims were changed after signing (a clerk making itself admin)', async () => {
      const promoted = reencode(tokenFor(clerk), (claims) => {
        claims.role = 'admin';
      });
      await refused(promoted, /bad_signature/);
      const prolonged = reencode(tokenFor(clerk), (claims) => {
        claims.exp = Number(claims.exp) + 365 * 24 * 3600;
      });
      await refused(prolonged, /bad_signature/);
      const token = tokenFor(clerk);
      await refused(`${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`, /bad_signature|malformed/);
    });

    it('refuses a token signed with another secret, an unsigned one, and one for another audience', async () => {
      await refused(tokenFor(clerk, { secret: 'someone-elses-secret-0123456789abcdef' }), /bad_signature/);
      const [, payload] = tokenFor(clerk).split('.');
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      await refused(`${none}.${payload}.`, /malformed/);
      await refused(tokenFor(clerk, { audience: 'feisutong-court' }), /wrong_audience/);
      await refused('not-a-token', /malformed/);
    });

    it('refuses a disabled account’s token at once, and its login', async () => {
      const leaving = await createStaff(system.database.db, 'mediator', clerk.unitId);
      expect((await system.request('GET', '/v1/inbox', { credential: leaving.token })).status).toBe(200);
      await api.call('PATCH', `/v1/admin/users/${leaving.id}`, admin.token, { active: false }, 200);
      await refused(leaving.token, /disabled/);
      const login = await system.request('POST', '/v1/auth/token', {
        body: { username: leaving.username, password: leaving.password },
      });
      expect(login.status).toBe(401);
    });

    it('refuses credentials sent any other way than "Bearer"', async () => {
      for (const authorization of [`Basic ${clerk.token}`, clerk.token, 'Bearer', 'Bearer ']) {
        const response = await fetch(`${system.baseUrl}/v1/cases`, { headers: { authorization } });
        expect(response.status, authorization.slice(0, 12)).toBe(401);
      }
    });
  });

  describe('institution API keys', () => {
    it('rotates a key: the new one works at once, the old one is refused once revoked', async () => {
      const court = await api.call(
        'POST',
        '/v1/admin/institutions',
        admin.token,
        { code: 'ROTATE-COURT', name: '轮换测试法院', kind: 'court' },
        201,
      );
      const path = `/v1/admin/institutions/${court.id}/api-keys`;
      const first = await api.call('POST', path, admin.token, { label: '2026 key' }, 201);
      await api.call('GET', '/v1/court/referrals', first.key as string, undefined, 200);

      const second = await api.call('POST', path, admin.token, { label: '2027 key' }, 201);
      await api.call('GET', '/v1/court/referrals', second.key as string, undefined, 200);
      await api.call('GET', '/v1/court/referrals', first.key as string, undefined, 200);

      const revoked = await api.call('DELETE', `${path}/${first.keyId}`, admin.token, undefined, 200);
      expect(revoked.revokedAt).not.toBeNull();
      await refused(first.key as string, /unknown or revoked/);
      await api.call('GET', '/v1/court/referrals', second.key as string, undefined, 200);

      const listed = (await api.call('GET', path, admin.token, undefined, 200)).items as Record<
        string,
        unknown
      >[];
      expect(listed.map((k) => [k.keyId, k.revokedAt === null])).toEqual([
        [first.keyId, false],
        [second.keyId, true],
      ]);
      expect(JSON.stringify(listed)).not.toContain(String(second.key).slice(17));
    });

    it('refuses a malformed key and a well-formed key with the wrong secret', async () => {
      await refused('fst_short', /malformed/);
      await refused(`fst_abcdefghijkl_${'A'.repeat(43)}`, /unknown or revoked/);
    });
  });

  describe('login limits', () => {
    const login = (username: string, password: string, from: string) =>
      requestFrom(`${system.baseUrl}/v1/auth/token`, {
        localAddress: from,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });

    it('stops a username after 5 failures from one address in 15 minutes (a success in between does not count), with Retry-After', async () => {
      const user = await createStaff(system.database.db, 'mediator', clerk.unitId);
      const from = '127.0.0.11';
      for (let i = 0; i < 4; i++) expect((await login(user.username, `wrong-${i}`, from)).status).toBe(401);
      expect((await login(user.username, user.password, from)).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await login(user.username, `wrong-${i}`, from)).status).toBe(401);

      const stopped = await login(user.username, user.password, from);
      expect(stopped.status).toBe(429);
      expect(stopped.headers['content-type']).toBe('application/problem+json');
      const retryAfter = Number(stopped.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(800);
      expect(retryAfter).toBeLessThanOrEqual(900);
      const problem = JSON.parse(stopped.body) as Record<string, unknown>;
      expect(problem).toMatchObject({ status: 429, code: 'too_many_login_attempts' });

      // The dashboard's login shares the limit, from the same address.
      const page = await requestFrom(`${system.baseUrl}/dashboard/login`, {
        localAddress: from,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: user.username, password: user.password }).toString(),
      });
      expect(page.status).toBe(429);
      expect(Number(page.headers['retry-after'])).toBeGreaterThan(800);
      // The owner, from another address, is not locked out by what happened at this one.
      expect((await login(user.username, user.password, '127.0.0.12')).status).toBe(200);

      // An unknown username is answered exactly alike: the limit does not reveal which names exist.
      const ghost = `nobody-${user.username}`;
      for (let i = 0; i < 5; i++) expect((await login(ghost, `wrong-${i}`, '127.0.0.13')).status).toBe(401);
      const ghostStopped = await login(ghost, 'anything', '127.0.0.13');
      expect(ghostStopped.status).toBe(429);
      const {
        detail: _a,
        instance: _b,
        retryAfterSeconds: _e,
        ...shape
      } = JSON.parse(ghostStopped.body) as Record<string, unknown>;
      const { detail: _c, instance: _d, retryAfterSeconds: _f, ...expectedShape } = problem;
      expect(shape).toEqual(expectedShape);
    });

    it('stops an address after 20 failures across usernames, and not other addresses', async () => {
      const user = await createStaff(system.database.db, 'clerk', clerk.unitId);
      const from = '127.0.0.21';
      for (let i = 0; i < 20; i++) expect((await login(`spray-${i}`, 'Winter2026!', from)).status).toBe(401);
      const stopped = await login(user.username, user.password, from);
      expect(stopped.status).toBe(429);
      expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(800);
      expect((await login(user.username, user.password, '127.0.0.22')).status).toBe(200);
    });
  });

  describe('request body limits', () => {
    const bigCase = (bytes: number) =>
      JSON.stringify({
        source: 'walk_in',
        summary: 'x'.repeat(bytes),
        parties: [
          { kind: 'person', name: '甲', role: 'applicant' },
          { kind: 'person', name: '乙', role: 'respondent' },
        ],
      });

    it('refuses a JSON body over 1 MiB with 413 problem+json, declared or streamed in chunks', async () => {
      const url = `${system.baseUrl}/v1/cases`;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${clerk.token}` };
      for (const chunkSize of [undefined, 64 * 1024]) {
        const response = await requestFrom(url, {
          headers,
          body: bigCase(oneMiB + 1),
          ...(chunkSize ? { chunkSize } : {}),
        });
        expect(response.status, `chunks of ${chunkSize}`).toBe(413);
        expect(response.headers['content-type']).toBe('application/problem+json');
        expect(JSON.parse(response.body)).toMatchObject({ status: 413, code: 'payload_too_large' });
      }
      // Just under the limit passes the size check (and is refused by the schema instead).
      const under = await requestFrom(url, { headers, body: bigCase(oneMiB - 1024) });
      expect(under.status).toBe(400);
    });

    it('applies the limit before authentication and on the login route', async () => {
      const anonymous = await requestFrom(`${system.baseUrl}/v1/cases`, {
        headers: { 'content-type': 'application/json' },
        body: bigCase(oneMiB + 1),
      });
      expect(anonymous.status).toBe(413);
      const login = await requestFrom(`${system.baseUrl}/v1/auth/token`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * oneMiB) }),
        chunkSize: 256 * 1024,
      });
      expect(login.status).toBe(413);
      expect(login.headers['content-type']).toBe('application/problem+json');
    });

    it('keeps the dashboard’s forms to 64 KiB and the ledger import to 20 MiB', async () => {
      const form = await requestFrom(`${system.baseUrl}/dashboard/login`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `username=a&password=${'b'.repeat(65 * 1024)}`,
      });
      expect(form.status).toBe(413);
      const ledger = await requestFrom(`${system.baseUrl}/v1/admin/import?dryRun=true`, {
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin.token}` },
        body: Buffer.alloc(20 * oneMiB + 1, 0x61),
        chunkSize: oneMiB,
      });
      expect(ledger.status).toBe(413);
      expect(ledger.headers['content-type']).toBe('application/problem+json');
    });
  });
});
