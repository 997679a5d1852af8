import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * Mediation is voluntary: a hotline case registered without the parties' consent cannot be accepted by
 * its mediator until the consent is recorded, over the API or on the case page, with who and when.
 */
describe('consent to mediate before acceptance', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  const hotlineCall = {
    source: 'hotline',
    summary: '邻居装修噪音，来电要求协调',
    parties: [
      { kind: 'person', name: '高娜', role: 'applicant' },
      { kind: 'person', name: '马骏', role: 'respondent' },
    ],
  };

  beforeAll(async () => {
    system = await startTestSystem();
    const centre = await createUnit(system.database.db, '调解意愿测试中心');
    [clerk, mediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', centre.id),
      createStaff(system.database.db, 'mediator', centre.id),
    ]);
  });
  afterAll(() => system?.stop());

  async function assignedCase() {
    const api = caseApi(system);
    const { caseNumber } = await api.register(clerk.token, hotlineCall);
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'neighbour' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    return caseNumber;
  }

  it('refuses acceptance without consent (422 naming mediationConsent), then accepts once it is recorded', async () => {
    const api = caseApi(system);
    const caseNumber = await assignedCase();
    const refused = await api.call('POST', `/v1/cases/${caseNumber}/accept`, mediator.token, {}, 422);
    expect(refused).toMatchObject({
      code: 'mediation_consent_required',
      currentStage: 'divert',
      errors: [{ field: 'mediationConsent' }],
    });
    expect((await api.read(clerk.token, caseNumber)).stage).toBe('divert');

    const stranger = await api.call(
      'POST',
      `/v1/cases/${caseNumber}/mediation-consent`,
      clerk.token,
      { givenBy: ['路人甲'] },
      400,
    );
    expect(stranger).toMatchObject({ errors: [{ field: 'givenBy' }] });

    const recorded = await api.call(
      'POST',
      `/v1/cases/${caseNumber}/mediation-consent`,
      clerk.token,
      { givenBy: ['高娜', '马骏'] },
      200,
    );
    expect(recorded.mediationConsent).toMatchObject({ givenBy: ['高娜', '马骏'], recordedBy: clerk.id });
    // The same form again (a double submit) records nothing more.
    const again = await api.call(
      'POST',
      `/v1/cases/${caseNumber}/mediation-consent`,
      clerk.token,
      { givenBy: ['马骏', '高娜'] },
      200,
    );
    expect(again.seq).toBe(recorded.seq);

    expect((await api.transition(mediator.token, caseNumber, 'accept')).stage).toBe('resolve');
    const late = await api.call(
      'POST',
      `/v1/cases/${caseNumber}/mediation-consent`,
      clerk.token,
      { givenBy: ['高娜'] },
      409,
    );
    expect(late).toMatchObject({ code: 'illegal_transition', currentStage: 'resolve' });
  });

  it('shows the missing consent on the case page and records it from the form', async () => {
    const caseNumber = await assignedCase();
    const path = `/dashboard/work/cases/${caseNumber}`;
    const desk = pageSession(system, clerk);
    const before = visibleText((await desk.get(path)).html);
    expect(before).toContain('尚未登记当事人申请或同意调解');

    const refusedAccept = await pageSession(system, mediator).post(`${path}/actions/accept`);
    expect(refusedAccept.status).toBe(422);
    expect(visibleText(refusedAccept.html)).toContain('当事人尚未申请或同意调解');

    const empty = await desk.post(`${path}/mediation-consent`);
    expect(empty.status).toBe(400);
    expect(visibleText(empty.html)).toContain('请勾选申请或同意调解的当事人');

    const recorded = await desk.post(`${path}/mediation-consent`, { 'party-0': 'yes' });
    expect(recorded.status).toBe(303);
    const after = visibleText((await desk.get(recorded.location!)).html);
    expect(after).toContain('已登记当事人的调解意愿');
    expect(after).toContain('调解意愿：高娜 申请/同意调解');
    expect(after).toContain('登记调解意愿');

    expect((await pageSession(system, mediator).post(`${path}/actions/accept`)).status).toBe(303);
  });
});
