import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * The case page's assignment form: admins keep which station triage suggests for each dispute category
 * (every change in the audit trail with who made it) and the form preselects it; each candidate
 * mediator carries the conflict check's result before the form is submitted.
 */
describe('the assignment form: the suggested station and the conflict check', () => {
  let system: TestSystem;
  let admin: TestUser;
  let clerk: TestUser;
  let related: TestUser;
  let familyStation: { id: string };

  beforeAll(async () => {
    system = await startTestSystem();
    const db = system.database.db;
    const centre = await createUnit(db, '分流建议测试中心');
    familyStation = await createUnit(db, '婚姻家庭纠纷调解站（测试）');
    [admin, clerk, related] = await Promise.all([
      createStaff(db, 'admin', centre.id),
      createStaff(db, 'clerk', centre.id),
      createStaff(db, 'mediator', centre.id),
    ]);
    await system.database.sql`update users set display_name = '高峰' where id = ${related.id}`;
    // 高峰 declared that 秦岚 is a close relative: he must not mediate her dispute.
    await system.database.sql`
      insert into mediator_relations (user_id, name, name_normalised, relation)
      values (${related.id}, '秦岚', '秦岚', '近亲属')`;
  });
  afterAll(() => system?.stop());

  it('stores the mapping with PUT, audits each change once, and refuses an unknown unit naming the field', async () => {
    const api = caseApi(system);
    const body = { rules: [{ category: 'family', unitId: familyStation.id }] };
    const stored = await api.call('PUT', '/v1/admin/triage-stations', admin.token, body, 200);
    expect(stored.rules).toMatchObject([{ category: 'family', unitId: familyStation.id }]);
    await api.call('PUT', '/v1/admin/triage-stations', admin.token, body, 200);
    const audit = await system.database.sql<{ changed_by: string }[]>`
      select changed_by from triage_station_rule_changes where category = 'family'`;
    expect(audit.map((row) => row.changed_by)).toEqual([admin.id]);
    expect(
      (await api.call('GET', '/v1/admin/triage-stations', admin.token, undefined, 200)).rules,
    ).toHaveLength(1);

    const unknown = await api.call(
      'PUT',
      '/v1/admin/triage-stations',
      admin.token,
      { rules: [{ category: 'labour', unitId: '00000000-0000-4000-8000-000000000000' }] },
      422,
    );
    expect(unknown).toMatchObject({ code: 'unknown_reference', errors: [{ field: 'rules.0.unitId' }] });
    await api.call('PUT', '/v1/admin/triage-stations', clerk.token, body, 403);
  });

  it('preselects the suggested station on the assignment form once the case is triaged', async () => {
    const api = caseApi(system);
    const { caseNumber } = await api.register(clerk.token, {
      source: 'walk_in',
      summary: '离婚后子女探望安排争议',
      parties: [{ kind: 'person', name: '秦岚', role: 'applicant' }],
      mediationConsent: { givenBy: ['秦岚'] },
    });
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'general', category: 'family' });
    const casePage = await pageSession(system, clerk).get(`/dashboard/work/cases/${caseNumber}`);
    expect(visibleText(casePage.html)).toContain('建议：婚姻家庭纠纷调解站（测试）（依据纠纷类别）');
    expect(casePage.html).toContain(`<option value="${familyStation.id}" selected>`);
  });

  it('marks a conflicted candidate before submitting, and refuses the clerk who assigns them anyway', async () => {
    const api = caseApi(system);
    const { caseNumber } = await api.register(clerk.token, {
      source: 'walk_in',
      summary: '赡养费给付争议',
      parties: [{ kind: 'person', name: '秦岚', role: 'applicant' }],
      mediationConsent: { givenBy: ['秦岚'] },
    });
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'general', category: 'family' });
    const desk = pageSession(system, clerk);
    const path = `/dashboard/work/cases/${caseNumber}`;
    const text = visibleText((await desk.get(path)).html);
    expect(text).toContain('高峰（分流建议测试中心');
    expect(text).toContain('【应回避：秦岚（近亲属）】');
    expect(text).toContain('回避检查：高峰与秦岚（近亲属）');
    expect(text).toContain('应当回避的调解员只有中心负责人说明理由后才能指派');

    const refused = await desk.post(`${path}/actions/assign`, { mediatorId: related.id });
    expect(refused.status).toBe(422);
    expect(visibleText(refused.html)).toContain('所选调解员与当事人存在应回避的关系');
    expect((await api.read(clerk.token, caseNumber)).assigneeId).toBeNull();
  });
});
