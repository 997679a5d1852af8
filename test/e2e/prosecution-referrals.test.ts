import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import { institutionCallbackSecret, verifySignature } from '../../lib/signature.js';
import { caseApi } from '../helpers/case-api.js';
import { eventually } from '../helpers/eventually.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem, testCallbackSigningKey } from '../helpers/test-system.js';

const today = chinaDateOf(Date.now());

function referral(reference: string, overrides: Record<string, unknown> = {}) {
  return {
    reference,
    offence: '故意伤害',
    statuteArticle: '刑法第234条第1款',
    suspects: [
      {
        kind: 'person',
        name: '赵刚',
        role: 'respondent',
        idType: 'resident_id',
        idNumber: '150702199505050017',
      },
    ],
    victims: [{ kind: 'person', name: '钱亮', role: 'applicant', phone: '13600001111' }],
    facts: '2026年10月，双方因邻里琐事发生争执，赵刚将钱亮打伤，经鉴定为轻伤二级',
    prosecutorContact: { name: '孙检察官', phone: '0470-7654321' },
    referralDate: today,
    reviewStartedOn: today,
    reviewDueOn: addDays(today, 30),
    eligibility: {
      privateDispute: true,
      criminalLawChapter: 4,
      negligent: false,
      likelySentenceMonths: 24,
      intentionalCrimeWithinFiveYears: false,
    },
    performanceBeforeDecision: true,
    ...overrides,
  };
}

describe('prosecution docking (检调对接) over HTTP', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let procuratorate: Awaited<ReturnType<typeof createInstitution>>;
  let court: Awaited<ReturnType<typeof createInstitution>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver(() => 200);
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const unit = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
    ]);
    [procuratorate, court] = await Promise.all([
      createInstitution(db, 'procuratorate', '海拉尔区人民检察院'),
      createInstitution(db, 'court', '海拉尔区人民法院'),
    ]);
  });
  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  it('refuses an ineligible referral with 422 naming each failed condition, and creates nothing', async () => {
    const refused = await api.call(
      'POST',
      '/v1/prosecution/referrals',
      procuratorate.apiKey,
      referral('检-001', {
        eligibility: {
          privateDispute: false,
          criminalLawChapter: 4,
          negligent: false,
          likelySentenceMonths: 60,
          intentionalCrimeWithinFiveYears: true,
        },
      }),
      422,
    );
    expect(refused.code).toBe('not_eligible');
    expect((refused.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'eligibility.privateDispute',
      'eligibility.likelySentenceMonths',
      'eligibility.intentionalCrimeWithinFiveYears',
    ]);
    const tooLate = await api.call(
      'POST',
      '/v1/prosecution/referrals',
      procuratorate.apiKey,
      referral('检-002', { reviewDueOn: addDays(today, 2) }),
      422,
    );
    expect(tooLate.code).toBe('no_time_left');
    const [count] = await system.database.sql`select count(*)::int as n from referrals`;
    expect(count!.n).toBe(0);
  });

  it('settles with instalments, sends the package only when payment is complete, and closes on the decision', async () => {
    const reference = '海检刑诉〔2026〕101号';
    const created = await api.call(
      'POST',
      '/v1/prosecution/referrals',
      procuratorate.apiKey,
      referral(reference, { callbackUrl: receiver.url }),
      201,
    );
    const caseNumber = created.caseNumber as string;
    const deadline = created.deadline as { summaryZh: string; latestMediationDate: string };
    expect(deadline.latestMediationDate).toBeDefined();
    await api.call(
      'POST',
      '/v1/prosecution/referrals',
      procuratorate.apiKey,
      referral(reference, { callbackUrl: receiver.url }),
      200,
    );

    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'general', category: 'other' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    const settlement = {
      form: 'written',
      terms: '赵刚赔偿钱亮医疗费、误工费共计人民币30,000元，并当面赔礼道歉',
      amountFen: 3_000_000,
      performance: [],
    };
    const terms = {
      compensationFen: 3_000_000,
      method: '银行转账',
      remorse: '赵刚当面赔礼道歉，表示真诚悔过',
      forgiveness: true,
      leniencyRequested: true,
      forgivenessLetter: { signedOn: today, signedBy: '钱亮' },
      instalments: [
        { amountFen: 1_000_000, dueDate: addDays(today, 5) },
        { amountFen: 2_000_000, dueDate: addDays(today, 20) },
      ],
    };
    const noTerms = await api.transition(mediator.token, caseNumber, 'settle', settlement, 422);
    expect(noTerms.code).toBe('prosecution_terms_required');
    const noGuarantee = await api.transition(
      mediator.token,
      caseNumber,
      'settle',
      { ...settlement, prosecution: terms },
      422,
    );
    expect(noGuarantee.code).toBe('instalments_need_guarantee');
    const settled = await api.transition(mediator.token, caseNumber, 'settle', {
      ...settlement,
      prosecution: {
        ...terms,
        guarantee: { kind: 'guarantor', detail: '赵刚之兄赵强提供连带保证' },
        victimConsentToInstalments: true,
      },
    });
    expect(settled.linkPending).toBe('prosecution_decision');
    expect((settled.deadlines as { kind: string }[]).map((d) => d.kind)).toEqual(
      expect.arrayContaining(['instalment-1', 'instalment-2']),
    );

    await api.call(
      'POST',
      `/v1/cases/${caseNumber}/prosecution/payments`,
      mediator.token,
      { instalment: 1, paidOn: today, proof: '转账凭证001' },
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      receiver.received.filter((r) => r.headers['x-feisutong-event'] === 'prosecution.package'),
    ).toHaveLength(0);
    const status = await api.call(
      'GET',
      `/v1/prosecution/referrals/${encodeURIComponent(reference)}`,
      procuratorate.apiKey,
      undefined,
      200,
    );
    expect((status.instalments as { status: string }[]).map((i) => i.status)).toEqual(['paid', 'open']);
    expect(status.packageSentAt).toBeNull();

    await api.call(
      'POST',
      `/v1/cases/${caseNumber}/prosecution/payments`,
      mediator.token,
      { instalment: 2, paidOn: today, proof: '转账凭证002' },
      200,
    );
    await api.call(
      'POST',
      `/v1/cases/${caseNumber}/prosecution/payments`,
      mediator.token,
      { instalment: 2, paidOn: today, proof: 'x' },
      409,
    );
    const pack = await eventually(() =>
      receiver.received.find((r) => r.headers['x-feisutong-event'] === 'prosecution.package'),
    );
    const secret = institutionCallbackSecret(testCallbackSigningKey, procuratorate.id);
    expect(
      verifySignature(
        secret,
        Number(pack.headers['x-feisutong-timestamp']),
        pack.body,
        String(pack.headers['x-feisutong-signature']),
      ),
    ).toBe(true);
    const body = JSON.parse(pack.body);
    expect(body.payments.map((p: { proof: string }) => p.proof)).toEqual(['转账凭证001', '转账凭证002']);
    expect(body.forgivenessLetter).toEqual({ signedOn: today, signedBy: '钱亮' });

    const early = await api.transition(mediator.token, caseNumber, 'close', {}, 422);
    expect(early.code).toBe('link_pending');
    const decided = await api.call(
      'POST',
      `/v1/prosecution/referrals/${encodeURIComponent(reference)}/decision`,
      procuratorate.apiKey,
      { decision: 'non_prosecution', date: today },
      200,
    );
    expect(decided.stage).toBe('dispose');
    expect(decided.decision).toMatchObject({ decision: 'non_prosecution' });
    const [row] = await system.database
      .sql`select institution_decision, referral_kind, disposition from cases where case_number = ${caseNumber}`;
    expect(row).toEqual({
      institution_decision: 'non_prosecution',
      referral_kind: 'prosecution',
      disposition: 'settled_written',
    });
  });

  it('keeps a procuratorate to its own referrals, and away from courts’ and staff routes', async () => {
    const reference = encodeURIComponent('海检刑诉〔2026〕101号');
    await api.call('GET', `/v1/court/referrals/${reference}`, procuratorate.apiKey, undefined, 403);
    await api.call('GET', `/v1/prosecution/referrals/${reference}`, court.apiKey, undefined, 403);
    await api.call('GET', '/v1/cases', procuratorate.apiKey, undefined, 403);
    const other = await createInstitution(system.database.db, 'procuratorate', '满洲里市人民检察院');
    await api.call('GET', `/v1/prosecution/referrals/${reference}`, other.apiKey, undefined, 404);
  });
});
