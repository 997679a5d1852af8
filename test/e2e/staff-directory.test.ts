import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema/index.js';
import { caseApi } from '../helpers/case-api.js';
import { parseCsv } from '../helpers/parse-csv.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

interface DirectoryMediator {
  id: string;
  displayName: string;
  unitName: string | null;
  specialties: string[];
  openCases: number;
  settledCases: number;
  averageDaysToSettle: number | null;
  [key: string]: unknown;
}

/**
 * The 调解超市 as staff use it: a clerk looks up who may take a neighbour dispute (no admin fields, no
 * 403 as on /v1/admin/users), a supervisor sees the mediators of the units they supervise, and the
 * figures follow the cases. The claim amount (标的额) recorded at intake is what the ledger shows.
 */
describe('the staff directory of mediators and units, and the claim amount at intake', () => {
  let system: TestSystem;
  let admin: TestUser;
  let clerk: TestUser;
  let supervisor: TestUser;
  let neighbourMediator: TestUser;
  let labourMediator: TestUser;
  let elsewhereMediator: TestUser;
  let stationId: string;

  const get = async (credential: string, path: string) => {
    const response = await system.request('GET', path, { credential });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const mediatorsSeenBy = async (credential: string, query = '') => {
    const { status, body } = await get(credential, `/v1/directory/mediators${query}`);
    expect(status).toBe(200);
    return body.items as DirectoryMediator[];
  };

  beforeAll(async () => {
    system = await startTestSystem();
    const db = system.database.db;
    const centre = await createUnit(db, '目录测试中心');
    const [station] = await db
      .insert(units)
      .values({ code: `S-${centre.code}`, name: '劳动争议调解站', kind: 'station', parentId: centre.id })
      .returning();
    stationId = station!.id;
    const elsewhere = await createUnit(db, '另一旗县中心');
    admin = await createStaff(db, 'admin', null);
    clerk = await createStaff(db, 'clerk', elsewhere.id);
    supervisor = await createStaff(db, 'supervisor', centre.id);
    neighbourMediator = await createStaff(db, 'mediator', centre.id);
    labourMediator = await createStaff(db, 'mediator', stationId);
    elsewhereMediator = await createStaff(db, 'mediator', elsewhere.id);
    const retired = await createStaff(db, 'mediator', centre.id);
    await system.database.sql`update users set active = false where id = ${retired.id}`;
    await system.database.sql`update users set display_name = '乌云' where id = ${neighbourMediator.id}`;
    await system.database
      .sql`update users set id_number = '150702199001011234' where id = ${neighbourMediator.id}`;
    const profile = await system.request('PUT', `/v1/directory/mediators/${neighbourMediator.id}/profile`, {
      credential: admin.token,
      body: {
        qualifications: ['people_mediator', 'counsellor'],
        specialties: ['neighbour', 'family'],
        languages: ['zh', 'mn'],
        introduction: '从事人民调解十二年，擅长邻里、婚姻家庭纠纷，可用蒙古语调解。',
      },
    });
    expect(profile.status).toBe(200);
    const labour = await system.request('PUT', `/v1/directory/mediators/${labourMediator.id}/profile`, {
      credential: admin.token,
      body: { qualifications: ['lawyer'], specialties: ['labour'], languages: ['zh'], introduction: '' },
    });
    expect(labour.status).toBe(200);
  });
  afterAll(() => system?.stop());

  it('lets a clerk list every active mediator with a profile and no admin fields', async () => {
    const items = await mediatorsSeenBy(clerk.token);
    const ids = items.map((item) => item.id);
    expect(ids).toEqual(
      expect.arrayContaining([neighbourMediator.id, labourMediator.id, elsewhereMediator.id]),
    );
    expect(ids).toHaveLength(3);
    const wuyun = items.find((item) => item.id === neighbourMediator.id)!;
    expect(wuyun).toMatchObject({
      displayName: '乌云',
      unitName: '目录测试中心',
      qualifications: ['people_mediator', 'counsellor'],
      specialties: ['neighbour', 'family'],
      languages: ['zh', 'mn'],
      openCases: 0,
      settledCases: 0,
      averageDaysToSettle: null,
    });
    expect(Object.keys(wuyun)).not.toContain('username');
    expect(JSON.stringify(items)).not.toContain('150702199001011234');
    // The admin list stays for admins.
    expect((await get(clerk.token, '/v1/admin/users')).status).toBe(403);
  });

  it('filters by specialty, language and unit', async () => {
    expect((await mediatorsSeenBy(clerk.token, '?category=neighbour')).map((m) => m.id)).toEqual([
      neighbourMediator.id,
    ]);
    expect((await mediatorsSeenBy(clerk.token, '?language=mn')).map((m) => m.id)).toEqual([
      neighbourMediator.id,
    ]);
    expect((await mediatorsSeenBy(clerk.token, `?unitId=${stationId}`)).map((m) => m.id)).toEqual([
      labourMediator.id,
    ]);
    const bad = await get(clerk.token, '/v1/directory/mediators?category=astrology');
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['category']);
  });

  it('shows a supervisor the mediators and units of the units they supervise only', async () => {
    const ids = (await mediatorsSeenBy(supervisor.token)).map((m) => m.id).sort();
    expect(ids).toEqual([neighbourMediator.id, labourMediator.id].sort());
    const unitsSeen = (await get(supervisor.token, '/v1/directory/units')).body.items as { name: string }[];
    expect(unitsSeen.map((u) => u.name).sort()).toEqual(['劳动争议调解站', '目录测试中心'].sort());
    const unitsOfClerk = (await get(clerk.token, '/v1/directory/units')).body.items as { name: string }[];
    expect(unitsOfClerk.map((u) => u.name)).toEqual(expect.arrayContaining(['另一旗县中心']));
  });

  it('lets mediators look it up, refuses institutions, and keeps profiles for admins', async () => {
    expect((await get(neighbourMediator.token, '/v1/directory/mediators')).status).toBe(200);
    const court = await createInstitution(system.database.db, 'court', '目录测试法院');
    expect((await get(court.apiKey, '/v1/directory/mediators')).status).toBe(403);
    const body = { qualifications: [], specialties: [], languages: [], introduction: '' };
    const byClerk = await system.request('PUT', `/v1/directory/mediators/${labourMediator.id}/profile`, {
      credential: clerk.token,
      body,
    });
    expect(byClerk.status).toBe(403);
    const notMediator = await system.request('PUT', `/v1/directory/mediators/${clerk.id}/profile`, {
      credential: admin.token,
      body,
    });
    expect(notMediator.status).toBe(422);
    expect(((await notMediator.json()) as { code: string }).code).toBe('not_a_mediator');
  });

  it('counts open and settled cases and records the claim amount the ledger shows as 标的额', async () => {
    const api = caseApi(system);
    const parties = [
      { kind: 'person', name: '王芳', role: 'applicant' },
      { kind: 'person', name: '李强', role: 'respondent' },
    ];
    const badClaim = await system.request('POST', '/v1/cases', {
      credential: clerk.token,
      body: { source: 'walk_in', summary: '借款未还', parties, claimAmountFen: -5 },
    });
    expect(badClaim.status).toBe(400);
    expect(((await badClaim.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'claimAmountFen',
    ]);

    const claimed = await api.register(supervisor.token, {
      source: 'walk_in',
      summary: '装修致楼下墙面开裂，索赔修复费用',
      parties,
      claimAmountFen: 1_234_500,
      mediationConsent: { givenBy: ['王芳'] },
    });
    expect(claimed.claimAmountFen).toBe(1_234_500);
    const unclaimed = await api.register(supervisor.token, {
      source: 'hotline',
      summary: '噪音扰民',
      parties,
    });
    expect(unclaimed.claimAmountFen).toBeNull();
    for (const no of [claimed.caseNumber, unclaimed.caseNumber]) {
      await api.transition(supervisor.token, no, 'triage', { triageClass: 'general', category: 'neighbour' });
      await api.transition(supervisor.token, no, 'assign', { mediatorId: neighbourMediator.id });
    }
    let wuyun = (await mediatorsSeenBy(clerk.token)).find((m) => m.id === neighbourMediator.id)!;
    expect(wuyun.openCases).toBe(2);
    // Least loaded first: the mediator with two open cases comes last.
    expect((await mediatorsSeenBy(clerk.token)).at(-1)!.id).toBe(neighbourMediator.id);

    await api.transition(neighbourMediator.token, claimed.caseNumber, 'accept');
    await api.transition(neighbourMediator.token, claimed.caseNumber, 'settle', {
      form: 'written',
      terms: '李强赔偿修复费用人民币5,000元',
      amountFen: 500_000,
      performance: [],
    });
    wuyun = (await mediatorsSeenBy(clerk.token)).find((m) => m.id === neighbourMediator.id)!;
    expect(wuyun).toMatchObject({ openCases: 1, settledCases: 1, averageDaysToSettle: 0 });

    const csv = await system.request('GET', '/v1/supervision/ledger/export?format=csv', {
      credential: supervisor.token,
    });
    expect(csv.status).toBe(200);
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
    const header = rows[0]!;
    const byNumber = new Map(rows.slice(1).map((row) => [row[0], row]));
    const column = (no: string, name: string) => byNumber.get(no)![header.indexOf(name)];
    expect(column(claimed.caseNumber, '标的额(元)')).toBe('12345');
    expect(column(claimed.caseNumber, '协议金额(元)')).toBe('5000');
    expect(column(unclaimed.caseNumber, '标的额(元)')).toBe('');
  });
});
