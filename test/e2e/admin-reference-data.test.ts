import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKey } from '../../use-cases/auth/api-keys.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string; reason: string }[];
}

const strongPassword = 'correct horse battery staple';

describe('an admin sets up the centre: units, staff, declared relations, courts and their keys', () => {
  let system: TestSystem;
  let admin: TestUser;
  let supervisor: TestUser;
  let clerk: TestUser;

  /** A request whose answer must have `status`; returns the parsed body. */
  async function expectStatus<T = Record<string, unknown>>(
    status: number,
    method: string,
    path: string,
    options: { credential?: string; body?: unknown } = {},
  ): Promise<T> {
    const response = await system.request(method, path, options);
    const text = await response.text();
    if (response.status !== status) {
      throw new Error(`${method} ${path} answered ${response.status}, expected ${status}: ${text}`);
    }
    if (status >= 400) expect(response.headers.get('content-type')).toBe('application/problem+json');
    return (text ? JSON.parse(text) : undefined) as T;
  }

  beforeAll(async () => {
    system = await startTestSystem();
    const db = system.database.db;
    const home = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    admin = await createStaff(db, 'admin', null);
    supervisor = await createStaff(db, 'supervisor', home.id);
    clerk = await createStaff(db, 'clerk', home.id);
  });
  afterAll(() => system?.stop());

  it('creates a centre and a station under it, and lists them to an admin and a supervisor', async () => {
    const centre = await expectStatus<{ id: string; kind: string; parentId: string | null }>(
      201,
      'POST',
      '/v1/admin/units',
      { credential: admin.token, body: { code: 'HLBE-C', name: '市非诉中心', kind: 'centre' } },
    );
    expect(centre).toMatchObject({ kind: 'centre', parentId: null });
    const station = await expectStatus<{ id: string; parentId: string }>(201, 'POST', '/v1/admin/units', {
      credential: admin.token,
      body: { code: 'HLBE-S01', name: '物业纠纷调解站', kind: 'station', parentId: centre.id },
    });
    expect(station.parentId).toBe(centre.id);

    const listed = await expectStatus<{ items: { code: string }[] }>(
      200,
      'GET',
      `/v1/admin/units?parentId=${centre.id}`,
      { credential: supervisor.token },
    );
    expect(listed.items.map((unit) => unit.code)).toEqual(['HLBE-S01']);
    const all = await expectStatus<{ items: { code: string }[] }>(200, 'GET', '/v1/admin/units', {
      credential: admin.token,
    });
    expect(all.items.map((unit) => unit.code)).toEqual(expect.arrayContaining(['HLBE-C', 'HLBE-S01']));

    const duplicate = await expectStatus<Problem>(409, 'POST', '/v1/admin/units', {
      credential: admin.token,
      body: { code: 'HLBE-C', name: '重复', kind: 'centre' },
    });
    expect(duplicate.code).toBe('already_exists');
    expect(duplicate.errors?.map((e) => e.field)).toEqual(['code']);

    const orphan = await expectStatus<Problem>(422, 'POST', '/v1/admin/units', {
      credential: admin.token,
      body: { code: 'HLBE-P01', name: '调解点', kind: 'point', parentId: crypto.randomUUID() },
    });
    expect(orphan.errors?.map((e) => e.field)).toEqual(['parentId']);
  });

  it('refuses the admin routes to other roles (403) and to callers without credentials (401)', async () => {
    const forbidden = await expectStatus<Problem>(403, 'POST', '/v1/admin/units', {
      credential: supervisor.token,
      body: { code: 'X1', name: '越权', kind: 'point' },
    });
    expect(forbidden.code).toBe('forbidden');
    for (const path of ['/v1/admin/users', '/v1/admin/institutions', '/v1/admin/units']) {
      await expectStatus(403, 'GET', path, { credential: clerk.token });
      const anonymous = await expectStatus<Problem>(401, 'GET', path);
      expect(anonymous.code).toBe('authentication_required');
    }
    await expectStatus(403, 'GET', '/v1/admin/users', { credential: supervisor.token });
    const units = await system.database.sql`select count(*)::int as n from units where code = 'X1'`;
    expect(units[0]!.n).toBe(0);
  });

  it('creates a mediator who can log in, lists accounts without password hashes, and refuses a taken username', async () => {
    const station = await createUnit(system.database.db, '交通事故调解站');
    const created = await expectStatus<Record<string, unknown>>(201, 'POST', '/v1/admin/users', {
      credential: admin.token,
      body: {
        username: 'zhang.min',
        displayName: '张敏',
        role: 'mediator',
        unitId: station.id,
        password: strongPassword,
        idNumber: '150702 19850304 123x',
      },
    });
    expect(created).toMatchObject({
      username: 'zhang.min',
      role: 'mediator',
      unitId: station.id,
      active: true,
    });
    expect(created.idNumber).toBe('150702********123X');
    expect(JSON.stringify(created)).not.toMatch(/scrypt|passwordHash|password/);
    const [stored] = await system.database
      .sql`select id_number, password_hash from users where username = 'zhang.min'`;
    expect(stored!.id_number).toBe('15070219850304123X');
    expect(stored!.password_hash).toMatch(/^scrypt\$/);

    const login = await expectStatus<{ user: { role: string } }>(200, 'POST', '/v1/auth/token', {
      body: { username: 'zhang.min', password: strongPassword },
    });
    expect(login.user.role).toBe('mediator');

    const listed = await system.request('GET', '/v1/admin/users?role=mediator', { credential: admin.token });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toMatch(/scrypt|passwordHash|password_hash/);
    expect((JSON.parse(text) as { items: { username: string }[] }).items.map((u) => u.username)).toEqual([
      'zhang.min',
    ]);

    const taken = await expectStatus<Problem>(409, 'POST', '/v1/admin/users', {
      credential: admin.token,
      body: {
        username: 'zhang.min',
        displayName: '另一个张敏',
        role: 'clerk',
        unitId: station.id,
        password: strongPassword,
      },
    });
    expect(taken.code).toBe('already_exists');
    expect(taken.errors?.map((e) => e.field)).toEqual(['username']);
  });

  it('refuses a weak password and a missing unit, naming the field, and stores nothing', async () => {
    const weak = await expectStatus<Problem>(400, 'POST', '/v1/admin/users', {
      credential: admin.token,
      body: {
        username: 'li.wei',
        displayName: '李伟',
        role: 'clerk',
        unitId: clerk.unitId,
        password: 'short1',
      },
    });
    expect(weak.errors?.map((e) => e.field)).toEqual(['password']);
    const noUnit = await expectStatus<Problem>(400, 'POST', '/v1/admin/users', {
      credential: admin.token,
      body: { username: 'li.wei', displayName: '李伟', role: 'clerk', password: strongPassword },
    });
    expect(noUnit.errors?.map((e) => e.field)).toEqual(['unitId']);
    const count = await system.database.sql`select count(*)::int as n from users where username = 'li.wei'`;
    expect(count[0]!.n).toBe(0);
  });

  it('disables an account, resets a password, and will not remove the last admin', async () => {
    const created = await expectStatus<{ id: string }>(201, 'POST', '/v1/admin/users', {
      credential: admin.token,
      body: {
        username: 'wang.li',
        displayName: '王丽',
        role: 'clerk',
        unitId: clerk.unitId,
        password: strongPassword,
      },
    });
    const login = await expectStatus<{ accessToken: string }>(200, 'POST', '/v1/auth/token', {
      body: { username: 'wang.li', password: strongPassword },
    });

    const newPassword = 'a much longer new passphrase';
    const updated = await expectStatus<{ displayName: string; active: boolean }>(
      200,
      'PATCH',
      `/v1/admin/users/${created.id}`,
      {
        credential: admin.token,
        body: { displayName: '王丽（窗口）', password: newPassword, active: false },
      },
    );
    expect(updated).toMatchObject({ displayName: '王丽（窗口）', active: false });
    // The token issued before is refused now that the account is disabled.
    await expectStatus(401, 'GET', '/v1/me/relations', { credential: login.accessToken });
    await expectStatus(401, 'POST', '/v1/auth/token', {
      body: { username: 'wang.li', password: newPassword },
    });

    await expectStatus(200, 'PATCH', `/v1/admin/users/${created.id}`, {
      credential: admin.token,
      body: { active: true },
    });
    await expectStatus(401, 'POST', '/v1/auth/token', {
      body: { username: 'wang.li', password: strongPassword },
    });
    await expectStatus(200, 'POST', '/v1/auth/token', {
      body: { username: 'wang.li', password: newPassword },
    });

    const clerkNoUnit = await expectStatus<Problem>(422, 'PATCH', `/v1/admin/users/${created.id}`, {
      credential: admin.token,
      body: { unitId: null },
    });
    expect(clerkNoUnit.errors?.map((e) => e.field)).toEqual(['unitId']);

    const lastAdmin = await expectStatus<Problem>(409, 'PATCH', `/v1/admin/users/${admin.id}`, {
      credential: admin.token,
      body: { role: 'supervisor', unitId: clerk.unitId },
    });
    expect(lastAdmin.code).toBe('last_admin');
    await expectStatus(404, 'PATCH', `/v1/admin/users/${crypto.randomUUID()}`, {
      credential: admin.token,
      body: { active: false },
    });
  });

  it('records relations declared by a mediator and by an admin, and assignment finds the conflict', async () => {
    const mediator = await createStaff(system.database.db, 'mediator', clerk.unitId);
    const own = await expectStatus<{ id: string; name: string; idNumber: string }>(
      201,
      'POST',
      '/v1/me/relations',
      {
        credential: mediator.token,
        body: { name: '赵 大海', idNumber: '150702196001011111', relation: '近亲属' },
      },
    );
    expect(own).toMatchObject({ name: '赵 大海', idNumber: '150702196001011111' });
    await expectStatus(201, 'POST', `/v1/admin/users/${mediator.id}/relations`, {
      credential: admin.token,
      body: { name: '钱多多', relation: '曾代理' },
    });

    const mine = await expectStatus<{ items: { name: string; idNumber: string | null }[] }>(
      200,
      'GET',
      '/v1/me/relations',
      { credential: mediator.token },
    );
    expect(mine.items.map((r) => r.name)).toEqual(['赵 大海', '钱多多']);
    expect(mine.items[0]!.idNumber).toBe('150702196001011111');
    const seenByAdmin = await expectStatus<{ items: { idNumber: string | null }[] }>(
      200,
      'GET',
      `/v1/admin/users/${mediator.id}/relations`,
      { credential: admin.token },
    );
    expect(seenByAdmin.items[0]!.idNumber).toBe('150702********1111');
    const [stored] = await system.database
      .sql`select name_normalised from mediator_relations where user_id = ${mediator.id} and relation = '近亲属'`;
    expect(stored!.name_normalised).toBe('赵大海');
    await expectStatus(404, 'GET', `/v1/admin/users/${crypto.randomUUID()}/relations`, {
      credential: admin.token,
    });

    // The declaration is what the conflict-of-interest check at assignment reads.
    const registered = await expectStatus<{ caseNumber: string }>(201, 'POST', '/v1/cases', {
      credential: clerk.token,
      body: {
        source: 'walk_in',
        summary: '相邻通行纠纷',
        parties: [
          { kind: 'person', name: '赵大海', role: 'applicant' },
          { kind: 'person', name: '孙小明', role: 'respondent' },
        ],
      },
    });
    await expectStatus(200, 'POST', `/v1/cases/${registered.caseNumber}/triage`, {
      credential: clerk.token,
      body: { triageClass: 'simple', category: 'neighbour' },
    });
    const refused = await expectStatus<Problem>(422, 'POST', `/v1/cases/${registered.caseNumber}/assign`, {
      credential: clerk.token,
      body: { mediatorId: mediator.id },
    });
    expect(refused.code).toBe('conflict_of_interest');
  });

  it('registers a court, issues it a key that authenticates, and revokes it so that it no longer does', async () => {
    const badUrl = await expectStatus<Problem>(400, 'POST', '/v1/admin/institutions', {
      credential: admin.token,
      body: {
        code: 'HLR-COURT',
        name: '海拉尔区人民法院',
        kind: 'court',
        callbackUrl: 'ftp://court.example',
      },
    });
    expect(badUrl.errors?.map((e) => e.field)).toEqual(['callbackUrl']);

    const court = await expectStatus<{ id: string; kind: string; callbackUrl: string }>(
      201,
      'POST',
      '/v1/admin/institutions',
      {
        credential: admin.token,
        body: {
          code: 'HLR-COURT',
          name: '海拉尔区人民法院',
          kind: 'court',
          callbackUrl: 'https://court.example/feisutong',
        },
      },
    );
    expect(court).toMatchObject({ kind: 'court', callbackUrl: 'https://court.example/feisutong' });
    const duplicate = await expectStatus<Problem>(409, 'POST', '/v1/admin/institutions', {
      credential: admin.token,
      body: { code: 'HLR-COURT', name: '重复', kind: 'court' },
    });
    expect(duplicate.errors?.map((e) => e.field)).toEqual(['code']);
    const courts = await expectStatus<{ items: { id: string }[] }>(
      200,
      'GET',
      '/v1/admin/institutions?kind=court',
      {
        credential: admin.token,
      },
    );
    expect(courts.items.map((i) => i.id)).toEqual([court.id]);

    const issuedResponse = await system.request('POST', `/v1/admin/institutions/${court.id}/api-keys`, {
      credential: admin.token,
      body: { label: '立案庭对接' },
    });
    expect(issuedResponse.status).toBe(201);
    expect(issuedResponse.headers.get('cache-control')).toBe('no-store');
    const issued = (await issuedResponse.json()) as { key: string; keyId: string; revokedAt: string | null };
    expect(issued.key).toMatch(new RegExp(`^fst_${issued.keyId}_`));
    const [stored] = await system.database
      .sql`select secret_hash from api_keys where key_id = ${issued.keyId}`;
    expect(stored!.secret_hash).not.toContain(parseApiKey(issued.key)!.secret);

    // The key is listed without its secret, and it authenticates: a court is refused a staff route with
    // 403 (it is known, just not allowed), not 401.
    const keys = await system.request('GET', `/v1/admin/institutions/${court.id}/api-keys`, {
      credential: admin.token,
    });
    expect(await keys.text()).not.toContain(issued.key);
    const refused = await expectStatus<Problem>(403, 'GET', '/v1/admin/units', { credential: issued.key });
    expect(refused.code).toBe('forbidden');

    const revoked = await expectStatus<{ revokedAt: string | null }>(
      200,
      'DELETE',
      `/v1/admin/institutions/${court.id}/api-keys/${issued.keyId}`,
      { credential: admin.token },
    );
    expect(revoked.revokedAt).not.toBeNull();
    const after = await expectStatus<Problem>(401, 'GET', '/v1/admin/units', { credential: issued.key });
    expect(after.code).toBe('authentication_required');
    await expectStatus(404, 'DELETE', `/v1/admin/institutions/${court.id}/api-keys/aaaaaaaaaaaa`, {
      credential: admin.token,
    });
    await expectStatus(404, 'POST', `/v1/admin/institutions/${crypto.randomUUID()}/api-keys`, {
      credential: admin.token,
    });
  });

  it('publishes every admin route with its access rule in the OpenAPI document', async () => {
    const document = (await (await system.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-access'?: string[] }>>;
    };
    const access = (path: string, method: string) => document.paths[path]?.[method]?.['x-access'];
    expect(access('/v1/admin/units', 'get')).toEqual(['admin', 'supervisor']);
    expect(access('/v1/admin/units', 'post')).toEqual(['admin']);
    expect(access('/v1/admin/users', 'post')).toEqual(['admin']);
    expect(access('/v1/admin/users/{id}', 'patch')).toEqual(['admin']);
    expect(access('/v1/admin/users/{id}/relations', 'post')).toEqual(['admin']);
    expect(access('/v1/admin/institutions/{id}/api-keys/{keyId}', 'delete')).toEqual(['admin']);
    expect(access('/v1/admin/deadline-policies', 'get')).toEqual(['admin', 'supervisor']);
    expect(access('/v1/admin/deadline-policies/{id}', 'patch')).toEqual(['admin']);
    expect(access('/v1/admin/calendar/{year}', 'put')).toEqual(['admin']);
    expect(access('/v1/me/relations', 'post')).toEqual(['clerk', 'mediator', 'supervisor', 'admin']);
  });
});
