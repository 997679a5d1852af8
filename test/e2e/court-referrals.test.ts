import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutionCallbackSecret, verifySignature } from '../../lib/signature.js';
import { caseApi } from '../helpers/case-api.js';
import { eventually } from '../helpers/eventually.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem, testCallbackSigningKey } from '../helpers/test-system.js';

function referral(reference: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'entrusted',
    procedure: 'ordinary',
    reference,
    referralDate: '2026-11-20',
    parties: [
      {
        kind: 'person',
        name: '郑伟',
        role: 'applicant',
        phone: '13700001111',
        address: '海拉尔区胜利大街1号',
      },
      {
        kind: 'organisation',
        name: '呼伦贝尔某建材有限公司',
        role: 'respondent',
        address: '海拉尔区工业园区',
      },
    ],
    claimsSummary: '买卖合同纠纷：原告请求被告支付货款十万元',
    claimAmountFen: 10_000_000,
    materials: ['起诉状', '证据目录', '送达地址确认书'],
    contact: { name: '王法官', role: '承办法官', phone: '0470-1234567' },
    ...overrides,
  };
}

describe('court docking (诉调对接) over HTTP', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let courtA: Awaited<ReturnType<typeof createInstitution>>;
  let courtB: Awaited<ReturnType<typeof createInstitution>>;
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
    [courtA, courtB] = await Promise.all([
      createInstitution(db, 'court', '海拉尔区人民法院'),
      createInstitution(db, 'court', '满洲里市人民法院'),
    ]);
  });
  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  const received = (caseNumber: string, kind: string) =>
    receiver.received.find(
      (r) => r.headers['x-feisutong-event'] === kind && JSON.parse(r.body).caseNumber === caseNumber,
    );

  it('takes an entrusted referral from 签收 to a settled outcome reported to the court, signed', async () => {
    const created = await api.call(
      'POST',
      '/v1/court/referrals',
      courtA.apiKey,
      referral('(2026)内0702民初1001号', { callbackUrl: receiver.url }),
      201,
    );
    const caseNumber = created.caseNumber as string;
    expect(created.stage).toBe('intake');
    expect(created.deadlines).toEqual([
      expect.objectContaining({ kind: 'court_acceptance', status: 'open' }),
    ]);

    const early = await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'general',
      category: 'contract',
    });
    expect(early.deadlines).toHaveLength(1); // no centre handling period: the court's period governs
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    const unsigned = await api.transition(mediator.token, caseNumber, 'accept', {}, 422);
    expect(unsigned.code).toBe('materials_not_signed');
    await api.call('POST', `/v1/cases/${caseNumber}/court/sign-materials`, mediator.token, {}, 403);

    const signed = await api.call(
      'POST',
      `/v1/cases/${caseNumber}/court/sign-materials`,
      clerk.token,
      {},
      200,
    );
    const period = (
      signed.deadlines as { kind: string; explanation: { policyKey: string; period: { length: number } } }[]
    ).find((d) => d.kind === 'court_period')!;
    expect(period.explanation).toMatchObject({
      policyKey: 'court.entrusted.ordinary',
      period: { length: 15 },
    });
    await api.call('POST', `/v1/cases/${caseNumber}/court/sign-materials`, clerk.token, {}, 409);

    const accepted = await eventually(() => received(caseNumber, 'court.accepted'));
    const secret = institutionCallbackSecret(testCallbackSigningKey, courtA.id);
    expect(
      verifySignature(
        secret,
        Number(accepted.headers['x-feisutong-timestamp']),
        accepted.body,
        String(accepted.headers['x-feisutong-signature']),
      ),
    ).toBe(true);

    await api.transition(mediator.token, caseNumber, 'accept');
    await api.transition(mediator.token, caseNumber, 'settle', {
      form: 'written',
      terms: '被告于2026年12月31日前支付货款九万元，原告放弃其余诉讼请求',
      amountFen: 9_000_000,
      performance: [{ description: '支付货款', dueDate: '2026-12-31', amountFen: 9_000_000 }],
    });
    const outcome = await eventually(() => received(caseNumber, 'court.outcome'));
    const body = JSON.parse(outcome.body);
    expect(body).toMatchObject({
      result: 'settled_written',
      reference: '(2026)内0702民初1001号',
      feeSavedFen: 115_000,
    });
    expect(body.agreement.amountFen).toBe(9_000_000);

    const status = await api.call(
      'GET',
      `/v1/court/referrals/${encodeURIComponent('(2026)内0702民初1001号')}`,
      courtA.apiKey,
      undefined,
      200,
    );
    expect(status.feeSavedFen).toBe(115_000);
    expect(status.outcome).toMatchObject({ result: 'settled_written', automatic: false });
    const deliveries = status.deliveries as { kind: string; status: string }[];
    expect(deliveries.map((d) => [d.kind, d.status])).toEqual([
      ['court.accepted', 'delivered'],
      ['court.outcome', 'delivered'],
    ]);
    // How the receiver answered is the operators' to read, not the court's (no port scanning through us).
    for (const delivery of deliveries) expect(delivery).not.toHaveProperty('lastStatusCode');
    expect(deliveries[0]).toMatchObject({ firstFailedAt: null, lastAttemptAt: expect.any(String) });
    const [row] = await system.database
      .sql`select court_fee_saved_fen, referral_kind from cases where case_number = ${caseNumber}`;
    expect(row).toEqual({ court_fee_saved_fen: '115000', referral_kind: 'court' });
  });

  it('turns 50 concurrent copies of one referral into exactly one case', async () => {
    const body = referral('(2026)内0702民诉前调2002号', { type: 'delegated', procedure: undefined });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${system.baseUrl}/v1/court/referrals`, {
          method: 'POST',
          headers: { authorization: `Bearer ${courtA.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const numbers = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as { caseNumber: string }).caseNumber)),
    );
    expect(numbers.size).toBe(1);
    const [count] = await system.database
      .sql`select count(*)::int as n from referrals where reference = ${body.reference}`;
    expect(count!.n).toBe(1);
    const [casesMade] = await system.database
      .sql`select count(*)::int as n from cases where external_reference = ${body.reference}`;
    expect(casesMade!.n).toBe(1);

    const conflict = await api.call(
      'POST',
      '/v1/court/referrals',
      courtA.apiKey,
      { ...body, claimAmountFen: 1 },
      409,
    );
    expect(conflict.code).toBe('reference_conflict');
  });

  it('shows a court only its own referrals (another court gets 404), and a staff route refuses a court key', async () => {
    const reference = encodeURIComponent('(2026)内0702民初1001号');
    await api.call('GET', `/v1/court/referrals/${reference}`, courtB.apiKey, undefined, 404);
    await api.call(
      'POST',
      `/v1/court/referrals/${reference}/confirmation-decision`,
      courtB.apiKey,
      { decision: 'confirmed', date: '2026-12-01', rulingNumber: '(2026)内0781民特1号' },
      404,
    );
    const list = await api.call('GET', '/v1/court/referrals', courtB.apiKey, undefined, 200);
    expect(list.items).toEqual([]);
    await api.call('GET', '/v1/court/referrals', clerk.token, undefined, 403);
    await api.call('GET', '/v1/cases', courtA.apiKey, undefined, 403);
  });

  it('refuses malformed referrals with 400 naming the field, and creates nothing', async () => {
    const before = await system.database.sql`select count(*)::int as n from referrals`;
    const noProcedure = await api.call(
      'POST',
      '/v1/court/referrals',
      courtA.apiKey,
      referral('R-3', { procedure: undefined }),
      400,
    );
    expect((noProcedure.errors as { field: string }[]).map((e) => e.field)).toEqual(['procedure']);
    const badAmount = await api.call(
      'POST',
      '/v1/court/referrals',
      courtA.apiKey,
      referral('R-4', { claimAmountFen: 12.5 }),
      400,
    );
    expect((badAmount.errors as { field: string }[]).map((e) => e.field)).toEqual(['claimAmountFen']);
    const onlyOne = await api.call(
      'POST',
      '/v1/court/referrals',
      courtA.apiKey,
      referral('R-5', { parties: [referral('x').parties[0]] }),
      400,
    );
    expect((onlyOne.errors as { field: string }[])[0]!.field).toBe('parties');
    const after = await system.database.sql`select count(*)::int as n from referrals`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('closes the loop on a delegated settlement when the court confirms it (司法确认)', async () => {
    const reference = '(2026)内0702民诉前调3003号';
    const created = await api.call(
      'POST',
      '/v1/court/referrals',
      courtA.apiKey,
      referral(reference, { type: 'delegated', procedure: undefined }),
      201,
    );
    const caseNumber = created.caseNumber as string;
    await api.call('POST', `/v1/cases/${caseNumber}/court/sign-materials`, clerk.token, {}, 200);
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'general', category: 'contract' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    const settled = await api.transition(mediator.token, caseNumber, 'settle', {
      form: 'written',
      terms: '分期支付货款',
      amountFen: 8_000_000,
      performance: [],
    });
    expect(settled.linkPending).toBe('judicial_confirmation');
    expect((settled.deadlines as { kind: string }[]).map((d) => d.kind)).toContain('confirmation_window');
    const early = await api.transition(mediator.token, caseNumber, 'close', {}, 422);
    expect(early.code).toBe('link_pending');

    const path = `/v1/court/referrals/${encodeURIComponent(reference)}/confirmation-decision`;
    await api.call(
      'POST',
      path,
      courtA.apiKey,
      { decision: 'confirmed', date: '2026-12-05', rulingNumber: '(2026)内0702民特88号' },
      200,
    );
    const after = await api.read(clerk.token, caseNumber);
    expect(after.stage).toBe('dispose');
    expect(
      (after.court as { confirmation: { decision: { decision: string } } }).confirmation.decision.decision,
    ).toBe('confirmed');
    await api.call(
      'POST',
      path,
      courtA.apiKey,
      { decision: 'rejected', date: '2026-12-06', rulingNumber: 'x' },
      409,
    );
    const [row] = await system.database
      .sql`select institution_decision, court_fee_saved_fen from cases where case_number = ${caseNumber}`;
    // 委派 before filing: the parties save the whole fee a suit over the 100,000-yuan claim costs: 2,300 yuan.
    expect(row).toEqual({ institution_decision: 'confirmed', court_fee_saved_fen: '230000' });
  });
});
