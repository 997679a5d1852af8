import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/** A resident ID number whose GB 11643 check character is right (…1233), and one with it wrong. */
const wangFangId = '150702199001011233';
const mistypedId = '150702199001011234';

/**
 * Intake at the window through the workbench's form: the check digits of ID numbers and credit codes,
 * the applicant's consent, the duplicate warning (a reason lets the clerk register anyway) and a form
 * submitted twice registering one case.
 */
describe('registering a walk-in dispute on the workbench', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  let unitId: string;

  const filled = (changes: Record<string, string> = {}) => ({
    formToken: randomUUID(),
    source: 'walk_in',
    unitId,
    summary: '楼上住户装修导致楼下墙面开裂',
    request: '赔偿修复费用一万二千元',
    claimAmount: '12,000',
    applicantKind: 'person',
    applicantName: '王芳',
    applicantIdNumber: wangFangId,
    applicantPhone: '13800001111',
    applicantConsent: 'yes',
    respondentKind: 'person',
    respondentName: '李强',
    respondentConsent: 'yes',
    ...changes,
  });
  const casesOf = async () =>
    (await system.database.sql`select case_number from cases where summary like '楼上住户装修%'`).map(
      (row) => row.case_number as string,
    );

  beforeAll(async () => {
    system = await startTestSystem();
    const unit = await createUnit(system.database.db, '登记测试中心');
    unitId = unit.id;
    clerk = await createStaff(system.database.db, 'clerk', unit.id);
    mediator = await createStaff(system.database.db, 'mediator', unit.id);
  });
  afterAll(() => system?.stop());

  it('is for the window: a mediator is refused the form', async () => {
    const refused = await pageSession(system, mediator).get('/dashboard/work/register');
    expect(refused.status).toBe(403);
    expect(visibleText(refused.html)).toContain('登记纠纷由窗口受理员办理');
    const page = await pageSession(system, clerk).get('/dashboard/work/register');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/name="formToken" value="[0-9a-f-]{36}"/);
  });

  it('refuses a wrong ID check digit, a bad credit code, bad money and a missing consent, naming each field', async () => {
    const pages = pageSession(system, clerk);
    const wrongDigit = await pages.post(
      '/dashboard/work/register',
      filled({ applicantIdNumber: mistypedId }),
    );
    expect(wrongDigit.status).toBe(400);
    expect(wrongDigit.html).toMatch(
      /name="applicantIdNumber" value="150702199001011234"[^>]*aria-invalid="true"/,
    );
    expect(visibleText(wrongDigit.html)).toContain('身份证号码有误');
    // What was typed stays.
    expect(wrongDigit.html).toContain('楼上住户装修导致楼下墙面开裂');
    expect(wrongDigit.html).toContain('value="12,000"');

    const organisation = await pages.post(
      '/dashboard/work/register',
      filled({
        respondentKind: 'organisation',
        respondentName: '某物业公司',
        respondentIdNumber: '91350100M000100Y44',
      }),
    );
    expect(organisation.status).toBe(400);
    expect(visibleText(organisation.html)).toContain('统一社会信用代码有误');

    const money = await pages.post('/dashboard/work/register', filled({ claimAmount: '1.234' }));
    expect(money.status).toBe(400);
    expect(money.html).toMatch(/name="claimAmount"[^>]*aria-invalid="true"/);

    const { applicantConsent: _consent, ...withoutConsent } = filled();
    const noConsent = await pages.post('/dashboard/work/register', withoutConsent);
    expect(noConsent.status).toBe(400);
    expect(noConsent.html).toMatch(/name="applicantConsent" value="yes" aria-invalid="true"/);
    expect(visibleText(noConsent.html)).toContain('须由申请人申请调解');
    expect(await casesOf()).toEqual([]);
  });

  it('registers once however often the form is sent, with the claim amount and the consent recorded', async () => {
    const pages = pageSession(system, clerk);
    const form = filled();
    const first = await pages.post('/dashboard/work/register', form);
    expect(first.status).toBe(303);
    const [again, andAgain] = await Promise.all([
      pages.post('/dashboard/work/register', form),
      pages.post('/dashboard/work/register', form),
    ]);
    expect(again.location).toBe(first.location);
    expect(andAgain.location).toBe(first.location);
    const numbers = await casesOf();
    expect(numbers).toHaveLength(1);
    expect(first.location).toBe(`/dashboard/work/cases/${numbers[0]}?notice=registered`);
    const read = await caseApi(system).read(clerk.token, numbers[0]!);
    expect(read).toMatchObject({
      stage: 'intake',
      source: 'walk_in',
      claimAmountFen: 1_200_000,
      summary: '楼上住户装修导致楼下墙面开裂\n诉求：赔偿修复费用一万二千元',
      mediationConsent: { givenBy: ['王芳', '李强'] },
    });
    const page = await pages.get(first.location!);
    expect(visibleText(page.html)).toContain('纠纷已登记');
  });

  it('warns of an open case with the same ID number and registers only with a reason', async () => {
    const pages = pageSession(system, clerk);
    const [existing] = await casesOf();
    const form = filled({ summary: '楼上住户装修噪音扰民', applicantPhone: '' });
    const warned = await pages.post('/dashboard/work/register', form);
    expect(warned.status).toBe(409);
    const text = visibleText(warned.html);
    expect(text).toContain('可能重复登记');
    expect(text).toContain(existing);
    expect(text).toContain('王芳的证件号码');
    expect(warned.html).toMatch(/name="duplicateReason"[^>]*aria-invalid="true"/);

    const registered = await pages.post('/dashboard/work/register', {
      ...form,
      duplicateReason: '同一申请人的另一纠纷（噪音），与前案无关',
    });
    expect(registered.status).toBe(303);
    const second = (await casesOf()).find((number) => number !== existing)!;
    const read = await caseApi(system).read(clerk.token, second);
    expect(read.duplicateOverride).toEqual({
      caseNumbers: [existing],
      reason: '同一申请人的另一纠纷（噪音），与前案无关',
    });
  });
});
