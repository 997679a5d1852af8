import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const today = chinaDateOf(Date.now());

const courtReferral = (reference: string, referralDate: string) => ({
  type: 'delegated',
  reference,
  referralDate,
  parties: [
    { kind: 'person', name: '郑伟', role: 'applicant' },
    { kind: 'person', name: '吴军', role: 'respondent' },
  ],
  claimsSummary: '民间借贷纠纷：请求返还借款两万元',
  claimAmountFen: 2_000_000,
  materials: ['起诉状'],
  contact: { name: '王法官' },
});

const policeReferral = (reference: string, referralDate: string) => ({
  reference,
  facts: '邻里因停车发生口角并推搡',
  incidentDate: today,
  referralDate,
  parties: [
    { kind: 'person', name: '冯磊', role: 'applicant' },
    { kind: 'person', name: '陈红', role: 'respondent' },
  ],
  officerContact: { name: '刘警官' },
});

const dispute = (parties: ({ name: string } & Record<string, unknown>)[]) => ({
  source: 'walk_in',
  summary: '房屋租赁押金纠纷',
  parties,
  mediationConsent: { givenBy: [parties[0]!.name] },
});

/**
 * Dates that cannot be true and numbers whose check character is wrong are refused at the door, each
 * naming its field: a referral dated in 2099 would pick a deadline policy not yet in force, an
 * agreement "signed" in 2030 would move the confirmation window and the follow-up visit.
 */
describe('implausible dates and identity numbers are refused naming their field', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let court: Awaited<ReturnType<typeof createInstitution>>;
  let police: Awaited<ReturnType<typeof createInstitution>>;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const unit = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
    ]);
    [court, police] = await Promise.all([
      createInstitution(db, 'court', '海拉尔区人民法院'),
      createInstitution(db, 'police', '胜利派出所'),
    ]);
  });
  afterAll(() => system?.stop());

  const fields = (problem: Record<string, unknown>) =>
    (problem.errors as { field: string }[] | undefined)?.map((error) => error.field);

  it('refuses a referral dated after today, and one dated before any policy, naming referralDate', async () => {
    const future = await api.call(
      'POST',
      '/v1/court/referrals',
      court.apiKey,
      courtReferral('(2026)内0702民诉前调9001号', '2099-01-01'),
      422,
    );
    expect(future).toMatchObject({ code: 'date_in_future' });
    expect(fields(future)).toEqual(['referralDate']);
    const tomorrow = await api.call(
      'POST',
      '/v1/police/referrals',
      police.apiKey,
      policeReferral('海公(正)调字〔2026〕9001号', addDays(today, 2)),
      422,
    );
    expect(fields(tomorrow)).toEqual(['referralDate']);

    const beforePolicies = await api.call(
      'POST',
      '/v1/court/referrals',
      court.apiKey,
      courtReferral('(1990)内0702民诉前调9002号', '1990-01-01'),
      422,
    );
    expect(beforePolicies).toMatchObject({ code: 'no_policy_in_force' });
    expect(fields(beforePolicies)).toEqual(['referralDate']);

    const cases = await system.database.sql`select count(*)::int as n from cases`;
    expect(cases[0]!.n).toBe(0);
    await api.call(
      'POST',
      '/v1/court/referrals',
      court.apiKey,
      courtReferral('(2026)内0702民诉前调9003号', today),
      201,
    );
  });

  it('refuses resident ID numbers and credit codes whose check character is wrong', async () => {
    const badId = await api.call(
      'POST',
      '/v1/cases',
      clerk.token,
      dispute([
        {
          kind: 'person',
          name: '孙丽',
          role: 'applicant',
          idType: 'resident_id',
          idNumber: '150702199001011234',
        },
      ]),
      400,
    );
    expect(fields(badId)).toEqual(['parties[0].idNumber']);
    const badCode = await api.call(
      'POST',
      '/v1/cases',
      clerk.token,
      dispute([
        { kind: 'person', name: '孙丽', role: 'applicant' },
        {
          kind: 'organisation',
          name: '某房产中介有限公司',
          role: 'respondent',
          idType: 'unified_social_credit_code',
          idNumber: '91350100M000100Y44',
        },
      ]),
      400,
    );
    expect(fields(badCode)).toEqual(['parties[1].idNumber']);
    await api.register(
      clerk.token,
      dispute([
        {
          kind: 'person',
          name: '孙丽',
          role: 'applicant',
          idType: 'resident_id',
          idNumber: '11010519491231002x',
        },
        {
          kind: 'organisation',
          name: '某房产中介有限公司',
          role: 'respondent',
          idType: 'unified_social_credit_code',
          idNumber: '91350100M000100Y43',
        },
      ]),
    );
  });

  it('refuses an agreement signed in the future or before the case was received, naming signedAt', async () => {
    const registered = await api.register(
      clerk.token,
      dispute([{ kind: 'person', name: '孙丽', role: 'applicant' }]),
    );
    const { caseNumber } = registered;
    const registeredAt = registered.registeredAt as string;
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'contract' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    const settlement = (signedAt: string) => ({
      form: 'written',
      terms: '房东退还押金人民币2,000元',
      amountFen: 200_000,
      performance: [],
      signedAt,
    });

    const future = await api.transition(
      mediator.token,
      caseNumber,
      'settle',
      settlement('2030-01-01T10:00:00+08:00'),
      422,
    );
    expect(future).toMatchObject({ code: 'date_in_future' });
    expect(fields(future)).toEqual(['signedAt']);
    const early = await api.transition(
      mediator.token,
      caseNumber,
      'settle',
      settlement(`${addDays(chinaDateOf(registeredAt), -1)}T10:00:00+08:00`),
      422,
    );
    expect(early).toMatchObject({ code: 'date_before_receipt' });
    expect(fields(early)).toEqual(['signedAt']);
    expect((await api.read(mediator.token, caseNumber)).stage).toBe('resolve');

    const settled = await api.transition(
      mediator.token,
      caseNumber,
      'settle',
      settlement(new Date().toISOString()),
    );
    expect(settled.stage).toBe('link');
  });
});
