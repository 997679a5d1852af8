import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/** A dairy in the centre's county, as a clerk registers it for a 法治体检 visit. */
const dairy = {
  name: '呼伦贝尔草原乳业有限公司',
  creditCode: '9111 0108 5513 8508 2q', // as typed: spaces and a lower-case check letter
  entityClass: 'private_enterprise',
  industry: 'manufacturing',
  size: 'medium',
  contacts: [{ name: '张晓明', position: '法务负责人', phone: '13904701234' }],
};

interface EnterpriseBody {
  id: string;
  name: string;
  creditCode: string;
  entityClassZh: string;
  industryZh: string;
  sizeZh: string | null;
  contacts: { name: string; phone?: string }[];
}

interface Problem {
  code: string;
  errors?: { field: string }[];
  existing?: string;
}

describe('the enterprise registry (法治化营商环境服务)', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let lawyer: TestUser;
  let otherClerk: TestUser;
  let otherUnitId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    const db = system.database.db;
    const [unit, otherUnit] = await Promise.all([createUnit(db), createUnit(db, '另一调解中心')]);
    otherUnitId = otherUnit.id;
    [clerk, lawyer, otherClerk] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'clerk', otherUnit.id),
    ]);
  });
  afterAll(() => system?.stop());

  async function call<T>(method: string, path: string, user: TestUser, expected: number, body?: unknown) {
    const response = await system.request(method, path, {
      credential: user.token,
      ...(body === undefined ? {} : { body }),
    });
    const json = (await response.json()) as T;
    if (response.status !== expected) {
      throw new Error(
        `${method} ${path} answered ${response.status}, expected ${expected}: ${JSON.stringify(json)}`,
      );
    }
    if (expected >= 400) expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return { body: json, response };
  }

  it('registers an enterprise by its checked credit code, once, with labels in Chinese', async () => {
    const { body: registered, response } = await call<EnterpriseBody>(
      'POST',
      '/v1/enterprises',
      clerk,
      201,
      dairy,
    );
    expect(response.headers.get('location')).toBe(`/v1/enterprises/${registered.id}`);
    expect(registered).toMatchObject({
      creditCode: '91110108551385082Q',
      entityClassZh: '民营企业',
      industryZh: '制造业',
      sizeZh: '中型',
      contacts: dairy.contacts,
    });

    // A retry finds the first registration; the same code under another name is someone else's mistake.
    const { body: again } = await call<EnterpriseBody>('POST', '/v1/enterprises', clerk, 200, dairy);
    expect(again.id).toBe(registered.id);
    const { body: taken } = await call<Problem>('POST', '/v1/enterprises', clerk, 409, {
      ...dairy,
      name: '草原乳业（冒用）',
    });
    expect(taken).toMatchObject({ code: 'already_exists', existing: `/v1/enterprises/${registered.id}` });
    expect(taken.errors?.map((error) => error.field)).toEqual(['creditCode']);
    const [row] = await system.database.sql`select count(*)::int as n from enterprises`;
    expect(row!.n).toBe(1);
  });

  it('refuses a credit code whose check character does not match, and other bad input, naming the field', async () => {
    const cases: [unknown, number, string, string][] = [
      [{ ...dairy, creditCode: '91110108551385082R' }, 400, 'validation_failed', 'creditCode'],
      [{ ...dairy, creditCode: '9111010855138508' }, 400, 'validation_failed', 'creditCode'],
      [{ ...dairy, entityClass: 'state_owned' }, 400, 'validation_failed', 'entityClass'],
      [
        { ...dairy, contacts: [{ name: '张晓明', phone: 'none' }] },
        400,
        'validation_failed',
        'contacts[0].phone',
      ],
      [
        { ...dairy, creditCode: '91440300708461136T', unitId: otherUnitId },
        403,
        'unit_outside_scope',
        'unitId',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const { body: problem } = await call<Problem>('POST', '/v1/enterprises', lawyer, status, body);
      expect(problem.code, field).toBe(code);
      expect(
        problem.errors?.map((error) => error.field),
        field,
      ).toContain(field);
    }
  });

  it('masks contacts in lists and for other units, shows them to the unit that looks after the enterprise', async () => {
    await call('POST', '/v1/enterprises', lawyer, 201, {
      name: '海拉尔区老张烧烤店',
      creditCode: '91350100M000100Y43',
      entityClass: 'individual_business',
      industry: 'accommodation_catering',
      contacts: [{ name: '张三', phone: '13800001111' }],
    });
    const { body: list } = await call<{ items: EnterpriseBody[] }>(
      'GET',
      `/v1/enterprises?q=${encodeURIComponent('乳业')}`,
      otherClerk,
      200,
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.contacts).toEqual([{ name: '张**', position: '法务负责人', phone: '139****1234' }]);
    const { body: byCode } = await call<{ items: EnterpriseBody[] }>(
      'GET',
      '/v1/enterprises?q=91350100',
      clerk,
      200,
    );
    expect(byCode.items.map((item) => item.name)).toEqual(['海拉尔区老张烧烤店']);
    expect(byCode.items[0]!.contacts[0]!.phone).toBe('138****1111');

    const id = list.items[0]!.id;
    const { body: outside } = await call<EnterpriseBody>('GET', `/v1/enterprises/${id}`, otherClerk, 200);
    expect(outside.contacts[0]).toMatchObject({ name: '张**', phone: '139****1234' });
    const { body: inside } = await call<EnterpriseBody>('GET', `/v1/enterprises/${id}`, lawyer, 200);
    expect(inside.contacts).toEqual(dairy.contacts);

    const { body: individuals } = await call<{ items: EnterpriseBody[] }>(
      'GET',
      '/v1/enterprises?entityClass=individual_business',
      clerk,
      200,
    );
    expect(individuals.items.map((item) => item.entityClassZh)).toEqual(['个体商户']);
    const { body: paged } = await call<{ items: EnterpriseBody[]; nextCursor: string | null }>(
      'GET',
      '/v1/enterprises?limit=1',
      clerk,
      200,
    );
    const { body: next } = await call<{ items: EnterpriseBody[]; nextCursor: string | null }>(
      'GET',
      `/v1/enterprises?limit=1&cursor=${paged.nextCursor}`,
      clerk,
      200,
    );
    expect([...paged.items, ...next.items].map((item) => item.name).sort()).toEqual(
      ['呼伦贝尔草原乳业有限公司', '海拉尔区老张烧烤店'].sort(),
    );
    expect(next.nextCursor).toBeNull();
  });
});
