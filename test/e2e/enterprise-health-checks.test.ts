import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { allText, readDocx } from '../helpers/docx-reader.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * 法治体检: a dairy asks for a legal health check; the station's team visits, finds two risks, issues
 * the report (a .docx read back here) and follows each finding up until the engagement is closed.
 * Another station's clerk reads it with the contacts masked and cannot change it.
 */
const dairy = {
  name: '呼伦贝尔草原乳业有限公司',
  creditCode: '91110108551385082Q',
  entityClass: 'private_enterprise',
  industry: 'manufacturing',
  size: 'medium',
  contacts: [{ name: '张晓明', position: '法务负责人', phone: '13904701234' }],
};
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('enterprise 法治体检 engagements over HTTP', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let otherClerk: TestUser;
  let enterpriseId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const [station, otherStation] = await Promise.all([
      createUnit(db, '海拉尔区商事调解工作站'),
      createUnit(db, '满洲里市商事调解工作站'),
    ]);
    [clerk, otherClerk] = await Promise.all([
      createStaff(db, 'clerk', station.id),
      createStaff(db, 'clerk', otherStation.id),
    ]);
    enterpriseId = (await api.call('POST', '/v1/enterprises', clerk.token, dairy, 201)).id as string;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('goes from request to visit, findings, report and every finding closed', async () => {
    const base = '/v1/enterprise-services/engagements';
    const started = await api.call('POST', base, clerk.token, { enterpriseId, origin: 'request' }, 201);
    expect(started).toMatchObject({ stage: 'requested', stageZh: '待上门体检', originZh: '企业申请' });
    const id = started.id as string;
    // A campaign names its campaign.
    const nameless = await api.call('POST', base, clerk.token, { enterpriseId, origin: 'campaign' }, 400);
    expect(JSON.stringify(nameless.errors)).toContain('campaign');
    // Only its unit's staff change it.
    await api.call(
      'POST',
      `${base}/${id}/visit`,
      otherClerk.token,
      { visitedOn: today(), team: ['李'], matters: ['labour'] },
      403,
    );
    // No findings, no report before the visit.
    const early = await api.call('POST', `${base}/${id}/report`, clerk.token, {}, 409);
    expect(early).toMatchObject({ code: 'engagement_stage', currentStage: 'requested' });

    const visit = {
      visitedOn: today(),
      team: ['王律师', '李调解员'],
      matters: ['contracts', 'labour', 'tax_compliance'],
    };
    const visited = await api.call('POST', `${base}/${id}/visit`, clerk.token, visit, 200);
    expect(visited).toMatchObject({
      stage: 'visited',
      visit: { mattersZh: ['合同管理', '劳动用工', '税务合规'] },
    });
    await api.call('POST', `${base}/${id}/visit`, clerk.token, visit, 200); // a retry changes nothing
    const changed = await api.call(
      'POST',
      `${base}/${id}/visit`,
      clerk.token,
      { ...visit, team: ['别人'] },
      409,
    );
    expect(changed).toMatchObject({ code: 'engagement_stage', currentStage: 'visited' });

    const unexamined = await api.call(
      'POST',
      `${base}/${id}/findings`,
      clerk.token,
      { matter: 'financing', riskLevel: 'high', description: '—', recommendation: '—' },
      400,
    );
    expect(JSON.stringify(unexamined.errors)).toContain('matter');
    const contractRisk = {
      matter: 'contracts',
      riskLevel: 'high',
      description: '主要购销合同未约定质量异议期和违约责任',
      recommendation: '修订合同范本，补充质量异议期、违约金和争议解决条款',
    };
    const once = await system.request('POST', `${base}/${id}/findings`, {
      credential: clerk.token,
      body: contractRisk,
      headers: { 'idempotency-key': `finding-1-${id}` },
    });
    expect(once.status).toBe(201);
    const retried = await system.request('POST', `${base}/${id}/findings`, {
      credential: clerk.token,
      body: contractRisk,
      headers: { 'idempotency-key': `finding-1-${id}` },
    });
    expect(retried.status).toBe(201);
    await api.call(
      'POST',
      `${base}/${id}/findings`,
      clerk.token,
      {
        matter: 'labour',
        riskLevel: 'medium',
        description: '季节工未签订书面劳动合同',
        recommendation: '一个月内补签书面劳动合同',
      },
      201,
    );

    const reported = await api.call('POST', `${base}/${id}/report`, clerk.token, {}, 200);
    expect(reported.stage).toBe('reported');
    expect((reported.findings as unknown[]).length).toBe(2); // the retried finding was recorded once
    const download = await system.request('GET', `${base}/${id}/report`, { credential: clerk.token });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('wordprocessingml');
    const text = allText(readDocx(new Uint8Array(await download.arrayBuffer())));
    expect(text).toContain('企业法治体检报告');
    expect(text).toContain('呼伦贝尔草原乳业有限公司');
    expect(text).toContain('季节工未签订书面劳动合同');
    expect(text).toContain('修订合同范本');
    // No more findings once the report is out.
    await api.call('POST', `${base}/${id}/findings`, clerk.token, contractRisk, 409);

    await api.call(
      'POST',
      `${base}/${id}/findings/1/follow-ups`,
      clerk.token,
      { note: '合同范本修订中', closes: false },
      200,
    );
    await api.call(
      'POST',
      `${base}/${id}/findings/1/follow-ups`,
      clerk.token,
      { note: '新范本已启用', closes: true },
      200,
    );
    const closedOne = await api.call(
      'POST',
      `${base}/${id}/findings/1/follow-ups`,
      clerk.token,
      { note: '再看看', closes: true },
      409,
    );
    expect(closedOne).toMatchObject({ code: 'finding_closed' });
    const open = await api.call('GET', `${base}/${id}`, clerk.token, undefined, 200);
    expect(open.stage).toBe('reported');
    const done = await api.call(
      'POST',
      `${base}/${id}/findings/2/follow-ups`,
      clerk.token,
      { note: '已全部补签', closes: true },
      200,
    );
    expect(done).toMatchObject({ stage: 'closed', stageZh: '已办结' });
    expect(
      (done.findings as { statusZh: string; followUps: unknown[] }[]).map((f) => [
        f.statusZh,
        f.followUps.length,
      ]),
    ).toEqual([
      ['已整改', 2],
      ['已整改', 1],
    ]);
    await api.call(
      'POST',
      `${base}/${id}/findings/2/follow-ups`,
      clerk.token,
      { note: '—', closes: true },
      409,
    );

    // Contacts: in full for the enterprise's unit, masked in lists and for other units.
    expect(done.enterprise).toMatchObject({ contacts: [{ name: '张晓明', phone: '13904701234' }] });
    const list = await api.call('GET', `${base}?enterpriseId=${enterpriseId}`, clerk.token, undefined, 200);
    const listed = (
      list.items as { id: string; enterprise: { contacts: { name: string; phone: string }[] } }[]
    ).find((item) => item.id === id)!;
    expect(listed.enterprise.contacts[0]!.name).toBe('张**');
    expect(listed.enterprise.contacts[0]!.phone).not.toContain('04701234');
    const others = await api.call('GET', `${base}/${id}`, otherClerk.token, undefined, 200);
    expect(JSON.stringify(others)).not.toContain('13904701234');
    await api.call('GET', `${base}/${id}/report`, otherClerk.token, undefined, 403);
  });

  it('records 普法 sessions, manuals handed out and 帮办代办 errands with their deadlines', async () => {
    const base = '/v1/enterprise-services';
    const session = await api.call(
      'POST',
      `${base}/law-sessions`,
      clerk.token,
      {
        heldOn: today(),
        audience: '园区中小微企业负责人',
        topic: '劳动合同订立与解除',
        attendance: 46,
        enterpriseId,
      },
      201,
    );
    expect(session).toMatchObject({ attendance: 46, topic: '劳动合同订立与解除' });
    const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
    const future = await api.call(
      'POST',
      `${base}/law-sessions`,
      clerk.token,
      { heldOn: tomorrow, audience: '—', topic: '—', attendance: 1 },
      422,
    );
    expect(future).toMatchObject({ code: 'date_in_future' });
    await api.call(
      'POST',
      `${base}/manual-handouts`,
      clerk.token,
      { handedOutOn: today(), title: '民营企业法律风险防控手册', copies: 120 },
      201,
    );
    await api.call(
      'POST',
      `${base}/manual-handouts`,
      clerk.token,
      { handedOutOn: today(), title: '—', copies: 0 },
      400,
    );

    const errand = await api.call(
      'POST',
      `${base}/errands`,
      clerk.token,
      { enterpriseId, matter: '代办商标续展', dueOn: tomorrow },
      201,
    );
    const late = await api.call(
      'POST',
      `${base}/errands`,
      clerk.token,
      { enterpriseId, matter: '—', dueOn: '2020-01-01' },
      400,
    );
    expect(JSON.stringify(late.errors)).toContain('dueOn');
    await api.call(
      'POST',
      `${base}/errands`,
      otherClerk.token,
      { enterpriseId, matter: '—', dueOn: tomorrow },
      403,
    );
    const open = await api.call('GET', `${base}/errands`, clerk.token, undefined, 200);
    expect(open.items).toMatchObject([{ id: errand.id, statusZh: '办理中', overdue: false }]);
    expect((await api.call('GET', `${base}/errands`, otherClerk.token, undefined, 200)).items).toEqual([]);
    const done = await api.call(
      'POST',
      `${base}/errands/${errand.id}/done`,
      clerk.token,
      { outcome: '已提交续展申请' },
      200,
    );
    expect(done).toMatchObject({ status: 'done', statusZh: '已办结' });
    await api.call(
      'POST',
      `${base}/errands/${errand.id}/done`,
      clerk.token,
      { outcome: '已提交续展申请' },
      200,
    );
    await api.call('POST', `${base}/errands/${errand.id}/done`, clerk.token, { outcome: '别的' }, 409);
    expect((await api.call('GET', `${base}/errands`, clerk.token, undefined, 200)).items).toEqual([]);
  });
});
