import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

type Institution = Awaited<ReturnType<typeof createInstitution>>;

const today = chinaDateOf(Date.now());

const dispute = {
  source: 'walk_in',
  mediationConsent: { givenBy: ['韩梅'] },
  summary: '物业费纠纷：业主以漏水未修为由拒缴物业费',
  parties: [
    { kind: 'person', name: '韩梅', role: 'applicant', phone: '13800003333' },
    { kind: 'organisation', name: '某物业服务有限公司', role: 'respondent' },
  ],
};

const courtReferral = {
  type: 'entrusted',
  procedure: 'simple',
  reference: '(2026)内0702民初5005号',
  referralDate: today,
  parties: [
    { kind: 'person', name: '郑伟', role: 'applicant' },
    { kind: 'person', name: '吴军', role: 'respondent' },
  ],
  claimsSummary: '民间借贷纠纷：请求返还借款两万元',
  claimAmountFen: 2_000_000,
  materials: ['起诉状'],
  contact: { name: '王法官' },
};

const policeReferral = {
  reference: '海公(正)调字〔2026〕99号',
  facts: '邻里因停车发生口角并推搡',
  incidentDate: today,
  referralDate: today,
  parties: [
    { kind: 'person', name: '冯磊', role: 'applicant' },
    { kind: 'person', name: '陈红', role: 'respondent' },
  ],
  officerContact: { name: '刘警官' },
};

/**
 * Beyond role: whose case it is. A mediator sees and changes only the cases assigned to them, a
 * supervisor only their unit's, an institution only its own referrals; the others get 404 (the case's
 * existence is not confirmed) or 403 for a change.
 */
describe('case and referral scope', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let assigned: TestUser;
  let unassigned: TestUser;
  let supervisorHere: TestUser;
  let supervisorElsewhere: TestUser;
  let admin: TestUser;
  let courtA: Institution;
  let courtB: Institution;
  let procuratorate: Institution;
  let policeA: Institution;
  let policeB: Institution;
  let caseNumber: string;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const [here, elsewhere] = [
      await createUnit(db, '海拉尔调解中心'),
      await createUnit(db, '满洲里调解中心'),
    ];
    [clerk, assigned, unassigned, supervisorHere, supervisorElsewhere, admin] = await Promise.all([
      createStaff(db, 'clerk', here.id),
      createStaff(db, 'mediator', here.id),
      createStaff(db, 'mediator', here.id),
      createStaff(db, 'supervisor', here.id),
      createStaff(db, 'supervisor', elsewhere.id),
      createStaff(db, 'admin', null),
    ]);
    [courtA, courtB, procuratorate, policeA, policeB] = await Promise.all([
      createInstitution(db, 'court', '海拉尔区人民法院'),
      createInstitution(db, 'court', '满洲里市人民法院'),
      createInstitution(db, 'procuratorate', '海拉尔区人民检察院'),
      createInstitution(db, 'police', '正阳派出所'),
      createInstitution(db, 'police', '靠山派出所'),
    ]);
    caseNumber = (await api.register(clerk.token, dispute)).caseNumber;
    await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'simple',
      category: 'property_management',
    });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: assigned.id });
  });
  afterAll(() => system?.stop());

  const read = (credential: string, path: string, expected: number) =>
    api.call('GET', path, credential, undefined, expected);

  it('lets the assigned mediator read and change the case, and hides it from another mediator', async () => {
    await read(assigned.token, `/v1/cases/${caseNumber}`, 200);
    await read(assigned.token, `/v1/cases/${caseNumber}/events`, 200);
    await read(unassigned.token, `/v1/cases/${caseNumber}`, 404);
    await read(unassigned.token, `/v1/cases/${caseNumber}/events`, 404);
    const refused = await api.transition(unassigned.token, caseNumber, 'accept', {}, 403);
    expect(refused.code).toBe('not_assignee');
    const listed = (await read(unassigned.token, '/v1/cases', 200)).items as { caseNumber: string }[];
    expect(listed.map((c) => c.caseNumber)).not.toContain(caseNumber);
    expect((await api.transition(assigned.token, caseNumber, 'accept')).stage).toBe('resolve');
  });

  it('lets the supervisor of the case’s unit read and act, and not a supervisor of another unit', async () => {
    await read(supervisorHere.token, `/v1/cases/${caseNumber}`, 200);
    await read(supervisorElsewhere.token, `/v1/cases/${caseNumber}`, 404);
    await read(supervisorElsewhere.token, `/v1/cases/${caseNumber}/events`, 404);
    const session = { heldAt: new Date().toISOString(), summary: '第一次调解' };
    const refused = await api.transition(supervisorElsewhere.token, caseNumber, 'sessions', session, 403);
    expect(refused.code).toBe('forbidden_unit');
    await api.call(
      'POST',
      `/v1/supervision/cases/${caseNumber}/orders`,
      supervisorElsewhere.token,
      { note: '请加快办理', explainBy: today },
      403,
    );
    await api.transition(supervisorHere.token, caseNumber, 'sessions', session, 200);
  });

  it('lets an admin and the intake clerks read any case', async () => {
    await read(admin.token, `/v1/cases/${caseNumber}`, 200);
    await read(clerk.token, `/v1/cases/${caseNumber}`, 200);
  });

  it('shows a court its own referral and not another court’s, and keeps other institutions off court routes', async () => {
    await api.call('POST', '/v1/court/referrals', courtA.apiKey, courtReferral, 201);
    const path = `/v1/court/referrals/${encodeURIComponent(courtReferral.reference)}`;
    await read(courtA.apiKey, path, 200);
    await read(courtB.apiKey, path, 404);
    await api.call(
      'POST',
      `${path}/confirmation-decision`,
      courtB.apiKey,
      { decision: 'confirmed', date: today, rulingNumber: '(2026)内0781民特9号' },
      404,
    );
    await read(procuratorate.apiKey, path, 403);
    await read(policeA.apiKey, path, 403);
    await read(courtA.apiKey, `/v1/cases/${caseNumber}`, 403);
    await read(courtA.apiKey, '/v1/prosecution/referrals', 403);
  });

  it('shows a police station its own referral only', async () => {
    await api.call('POST', '/v1/police/referrals', policeA.apiKey, policeReferral, 201);
    const path = `/v1/police/referrals/${encodeURIComponent(policeReferral.reference)}`;
    await read(policeA.apiKey, path, 200);
    await read(policeB.apiKey, path, 404);
    await read(courtA.apiKey, path, 403);
  });
});
