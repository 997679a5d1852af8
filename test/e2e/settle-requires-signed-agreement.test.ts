import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { courtReferralBody } from '../helpers/court-referral-body.js';
import { fileForm, samplePdf } from '../helpers/sample-files.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * SETTLE_REQUIRES_SIGNED_AGREEMENT. On: a written settlement is refused (409, naming what is missing,
 * with the reason in Chinese and the current stage) until the 人民调解协议书 is generated and its signed,
 * sealed scan uploaded; an oral settlement is not held up. Off (the embedded demo's default): a written
 * settlement is recorded without any document.
 */
const settlement = {
  form: 'written',
  terms: '被告于2026年12月31日前支付货款九万元，原告放弃其余诉讼请求',
  amountFen: 9_000_000,
  performance: [{ description: '支付货款', dueDate: '2026-12-31', amountFen: 9_000_000 }],
};

describe.each([true, false])('settling with SETTLE_REQUIRES_SIGNED_AGREEMENT=%s', (required) => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let court: Awaited<ReturnType<typeof createInstitution>>;
  let counter = 0;

  beforeAll(async () => {
    system = await startTestSystem({ settleRequiresSignedAgreement: required });
    api = caseApi(system);
    const db = system.database.db;
    const unit = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
    ]);
    court = await createInstitution(db, 'court', '海拉尔区人民法院');
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** A court's referral, signed for and accepted by the mediator: in resolve, ready to settle. */
  async function caseInResolve(): Promise<string> {
    counter += 1;
    const created = await api.call(
      'POST',
      '/v1/court/referrals',
      court.apiKey,
      courtReferralBody(`(2026)内0702民初${required ? 41 : 42}0${counter}号`, { materials: ['起诉状'] }),
      201,
    );
    const caseNumber = created.caseNumber as string;
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'general', category: 'contract' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.call('POST', `/v1/cases/${caseNumber}/court/sign-materials`, clerk.token, {}, 200);
    await api.transition(mediator.token, caseNumber, 'accept');
    return caseNumber;
  }

  it.runIf(required)(
    'refuses a written settlement until the signed agreement is in the case file',
    async () => {
      const caseNumber = await caseInResolve();
      const nothing = await api.transition(mediator.token, caseNumber, 'settle', settlement, 409);
      expect(nothing).toMatchObject({
        code: 'signed_agreement_required',
        missing: 'mediation_agreement',
        currentStage: 'resolve',
      });
      expect(nothing.reasonZh).toContain('人民调解协议书');

      const agreement = await api.call(
        'POST',
        `/v1/cases/${caseNumber}/documents`,
        mediator.token,
        { kind: 'mediation_agreement', settlement },
        201,
      );
      const unsigned = await api.transition(mediator.token, caseNumber, 'settle', settlement, 409);
      expect(unsigned).toMatchObject({
        code: 'signed_agreement_required',
        missing: 'mediation_agreement_signed_scan',
        currentStage: 'resolve',
      });
      expect(unsigned.reasonZh).toContain('扫描件');
      // Nothing was recorded by the refusals.
      expect((await api.read(mediator.token, caseNumber)).stage).toBe('resolve');

      const scan = await fetch(
        `${system.baseUrl}/v1/cases/${caseNumber}/documents/${agreement.id}/signed-scan`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${mediator.token}` },
          body: fileForm(samplePdf('协议书 签字盖章'), '协议书签章.pdf', 'application/pdf'),
        },
      );
      expect(scan.status).toBe(201);
      const settled = await api.transition(mediator.token, caseNumber, 'settle', settlement);
      expect(settled.stage).toBe('link');
    },
  );

  it.runIf(required)('does not hold up an oral settlement', async () => {
    const caseNumber = await caseInResolve();
    const settled = await api.transition(mediator.token, caseNumber, 'settle', {
      ...settlement,
      form: 'oral',
    });
    expect(settled.stage).toBe('link');
  });

  it.runIf(!required)('records a written settlement with no document in the case file', async () => {
    const caseNumber = await caseInResolve();
    const settled = await api.transition(mediator.token, caseNumber, 'settle', settlement);
    expect(settled.stage).toBe('link');
  });
});
