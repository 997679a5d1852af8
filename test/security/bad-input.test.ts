import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * What schemathesis found (test/fuzz), kept as stories: input that passed the schemas and then broke
 * a write or a rule deeper down is refused at the edge with a 4xx problem, quickly, and leaves nothing
 * behind.
 */
describe('bad input the fuzzer found, refused at the edge', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let supervisor: TestUser;
  let court: Awaited<ReturnType<typeof createInstitution>>;

  const dispute = (overrides: Record<string, unknown> = {}) => ({
    source: 'walk_in',
    summary: '邻里纠纷',
    parties: [
      { kind: 'person', name: '张三', role: 'applicant' },
      { kind: 'person', name: '李四', role: 'respondent' },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const unit = await createUnit(system.database.db);
    [clerk, supervisor] = await Promise.all([
      createStaff(system.database.db, 'clerk', unit.id),
      createStaff(system.database.db, 'supervisor', unit.id),
    ]);
    court = await createInstitution(system.database.db, 'court', '模糊测试法院');
  });
  afterAll(() => system?.stop());

  const countCases = async () =>
    (await system.database.sql`select count(*)::int as n from cases`)[0]!.n as number;

  it('refuses text PostgreSQL cannot store (NUL, unpaired surrogates) in bodies, queries and paths', async () => {
    const before = await countCases();
    const nul = await api.call(
      'POST',
      '/v1/cases',
      clerk.token,
      dispute({ parties: [{ kind: 'person', name: '张\u0000三', role: 'applicant' }] }),
      400,
    );
    expect(nul.errors).toEqual([
      { field: 'parties[0].name', reason: 'must not contain NUL characters or unpaired surrogates' },
    ]);
    // JSON.stringify escapes a lone surrogate as \ud800; the server's JSON.parse brings it back.
    await api.call('POST', '/v1/cases', clerk.token, dispute({ summary: 'x\ud800y' }), 400);
    await api.call(
      'POST',
      '/v1/cases',
      clerk.token,
      JSON.stringify(dispute()).replace('邻里纠纷', '\\u0000'),
      400,
    );
    await api.call('GET', '/v1/supervision/ledger/export?q=%00', supervisor.token, undefined, 400);
    await api.call(
      'GET',
      `/v1/court/referrals/${encodeURIComponent('(2026)\u0000')}`,
      court.apiKey,
      undefined,
      400,
    );
    expect(await countCases()).toBe(before);
  });

  it('answers a login with such text as a wrong login, not an error', async () => {
    const response = await system.request('POST', '/v1/auth/token', {
      body: { username: 'admin\u0000', password: 'whatever-it-is' },
    });
    expect([400, 401]).toContain(response.status);
    const page = await fetch(`${system.baseUrl}/dashboard/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=admin%00&password=whatever',
      redirect: 'manual',
    });
    expect(page.status).toBe(401);
  });

  it('refuses a case for a unit that does not exist at once (its workflow could never write it)', async () => {
    const started = Date.now();
    const refused = await api.call(
      'POST',
      '/v1/cases',
      clerk.token,
      dispute({ unitId: '5d1f3a52-8c1e-4c55-9f63-2a3f3c8b0e11' }),
      422,
    );
    expect(refused.code).toBe('unknown_unit');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers dates the calendar cannot handle with 400, not 500', async () => {
    const list = await api.call('GET', '/v1/cases?registeredFrom=0399-08-03', clerk.token, undefined, 400);
    expect(list.code).toBe('invalid_date');
    await api.call('GET', '/v1/statistics?from=0897-04-19&to=2026-01-01', supervisor.token, undefined, 400);
    await api.call(
      'GET',
      '/v1/statistics/export?from=0306-09-09&format=csv',
      supervisor.token,
      undefined,
      400,
    );
  });

  it('refuses a court referral dated before any deadline policy, and keeps the reference free', async () => {
    const referral = {
      type: 'entrusted',
      procedure: 'simple',
      reference: '(2000)内0702民初1号',
      referralDate: '2000-01-01',
      parties: [
        { kind: 'person', name: '郑伟', role: 'applicant' },
        { kind: 'person', name: '吴军', role: 'respondent' },
      ],
      claimsSummary: '民间借贷纠纷',
      claimAmountFen: 100_000,
      materials: [],
      contact: { name: '王法官' },
    };
    const refused = await api.call('POST', '/v1/court/referrals', court.apiKey, referral, 422);
    expect(refused.code).toBe('no_policy_in_force');
    const list = await api.call('GET', '/v1/court/referrals', court.apiKey, undefined, 200);
    expect(list.items).toEqual([]);
    const accepted = await api.call(
      'POST',
      '/v1/court/referrals',
      court.apiKey,
      { ...referral, referralDate: chinaDateOf(Date.now()) },
      201,
    );
    expect(accepted.stage).toBe('intake');
  });

  it('shows masked contact details in lists as the schema documents them', async () => {
    const { caseNumber } = await api.register(
      clerk.token,
      dispute({
        parties: [
          {
            kind: 'person',
            name: '王芳',
            role: 'applicant',
            phone: '13800001111',
            idNumber: '150702199001011234',
          },
          { kind: 'person', name: '李强', role: 'respondent', phone: '123456' },
          // Nine characters once made the masking throw, and the whole list answered 500.
          { kind: 'person', name: '赵六', role: 'agent', idType: 'other', idNumber: 'AB1234567' },
        ],
      }),
    );
    const list = (await api.call('GET', '/v1/cases', clerk.token, undefined, 200)).items as {
      caseNumber: string;
      parties: { phone?: string; idNumber?: string }[];
    }[];
    const listed = list.find((c) => c.caseNumber === caseNumber)!;
    expect(listed.parties.map((p) => [p.phone, p.idNumber])).toEqual([
      ['138****1111', '150702********1234'],
      ['******', undefined],
      [undefined, 'AB*******'],
    ]);
    const document = (await (await fetch(`${system.baseUrl}/openapi.json`)).json()) as {
      components: { schemas: Record<string, { properties: Record<string, { pattern?: string }> }> };
    };
    expect(document.components.schemas.PartyView!.properties.phone!.pattern).toBeUndefined();
  });
});
