import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { type CitizenClient, signInCitizen } from '../helpers/citizen-client.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * What a citizen may see and do on their cases, over HTTP: an application refused field by field, a
 * rejection with the clerk's reason, a case the window registered found by the phone typed with dashes,
 * and the doors that stay shut: another phone's case, another mediator's slot, a rating before the end.
 */
describe('a citizen’s cases on the public channel', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let otherMediator: TestUser;
  let applicant: CitizenClient;
  let stranger: CitizenClient;

  const applicationOf = (formToken: string, overrides: Record<string, string> = {}) => ({
    formToken,
    applicantName: '赵敏',
    category: 'labour',
    facts: '公司拖欠三个月工资',
    request: '支付拖欠工资',
    claimAmount: '15,000',
    respondentKind: 'organisation',
    respondentName: '某某建筑公司',
    respondentPhone: '0470-8221234',
    consent: 'yes',
    ...overrides,
  });
  async function apply(citizen: CitizenClient, overrides: Record<string, string> = {}) {
    const form = await citizen.get('/my/apply');
    const formToken = /name="formToken" value="([^"]+)"/.exec(form.html)![1]!;
    return citizen.post('/my/apply', applicationOf(formToken, overrides));
  }
  const caseNumberOf = (location: string | null) => /\/my\/cases\/([^?]+)/.exec(location ?? '')![1]!;

  beforeAll(async () => {
    system = await startTestSystem({ trustedProxies: ['127.0.0.1'] });
    api = caseApi(system);
    const centre = await createUnit(system.database.db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator, otherMediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', centre.id),
      createStaff(system.database.db, 'mediator', centre.id),
      createStaff(system.database.db, 'mediator', centre.id),
    ]);
    applicant = await signInCitizen(system, '13800138011', '10.1.0.1');
    stranger = await signInCitizen(system, '13800138012', '10.1.0.2');
  });
  afterAll(() => system?.stop());

  it('marks each bad field in Chinese and keeps what was typed', async () => {
    const refused = await apply(applicant, {
      facts: '',
      claimAmount: '一万五',
      respondentPhone: '12',
      preferredMediatorId: 'x',
    });
    expect(refused.status).toBe(400);
    const text = visibleText(refused.html);
    expect(text).toContain('请填写发生了什么');
    expect(text).toContain('涉及金额应为金额（元），最多两位小数');
    expect(text).toContain('电话号码有误');
    expect(text).toContain('请从列表中选择调解员');
    expect(refused.html).toContain('value="一万五"');
    expect(refused.html).toContain('支付拖欠工资');
    const unknownMediator = await apply(applicant, {
      preferredMediatorId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownMediator.status).toBe(400);
    expect(visibleText(unknownMediator.html)).toContain('所选调解员不在调解超市中，请重新选择');
  });

  it('shows a rejection with the clerk’s reason, and no rating for it', async () => {
    const applied = await apply(applicant);
    expect(applied.status).toBe(303);
    const caseNumber = caseNumberOf(applied.location);
    const registered = await api.read(clerk.token, caseNumber);
    expect(registered).toMatchObject({ source: 'online', stage: 'intake' });
    expect(registered.parties).toEqual([
      expect.objectContaining({ name: '赵敏', role: 'applicant', phone: '13800138011' }),
      expect.objectContaining({ name: '某某建筑公司', role: 'respondent', kind: 'organisation' }),
    ]);
    await api.transition(clerk.token, caseNumber, 'reject', {
      reason: '已向劳动仲裁委员会申请仲裁，不属于本中心受理范围',
    });
    const page = await applicant.get(`/my/cases/${caseNumber}`);
    const text = visibleText(page.html);
    expect(text).toContain('不予受理');
    expect(text).toMatch(/不予受理的理由：\s*已向劳动仲裁委员会申请仲裁，不属于本中心受理范围/);
    expect(page.html).not.toContain('评价调解服务');
    const rating = await applicant.post(`/my/cases/${caseNumber}/rating`, { score: '1' });
    expect(rating.status).toBe(409);
    expect(visibleText(rating.html)).toContain('案件调解结束后才能评价');
    // The stranger's phone reaches none of it.
    expect((await stranger.get(`/my/cases/${caseNumber}`)).status).toBe(404);
    expect((await stranger.post(`/my/cases/${caseNumber}/messages`, { body: '你好' })).status).toBe(404);
  });

  it('finds a case the window registered by the phone typed with dashes, and shows no other party’s details', async () => {
    const registered = await api.register(clerk.token, {
      source: 'walk_in',
      summary: '相邻通行纠纷',
      parties: [
        {
          kind: 'person',
          name: '孙丽',
          role: 'respondent',
          phone: '138-0013-8011',
          idNumber: '150702199001011233',
        },
        {
          kind: 'person',
          name: '周强',
          role: 'applicant',
          phone: '13900001111',
          address: '海拉尔区胜利大街1号',
        },
      ],
    });
    const list = await applicant.get('/my');
    expect(list.html).toContain(registered.caseNumber as string);
    const page = await applicant.get(`/my/cases/${registered.caseNumber}`);
    const text = visibleText(page.html);
    expect(text).toContain('被申请人：孙丽（本人）');
    expect(text).toContain('申请人：周强');
    for (const secret of ['13900001111', '150702199001011233', '海拉尔区胜利大街1号'])
      expect(page.html).not.toContain(secret);
    expect((await stranger.get('/my')).html).not.toContain(registered.caseNumber as string);
  });

  it('books only its own mediator’s future slots, and keeps a message that is too long', async () => {
    const applied = await apply(applicant);
    const caseNumber = caseNumberOf(applied.location);
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'labour' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    const [foreign] = await system.database.sql<{ id: string }[]>`
      insert into session_slots (mediator_id, room, starts_at, ends_at, published_by)
      values (${otherMediator.id}, 'ordinary', now() + interval '1 day', now() + interval '1 day 1 hour', ${clerk.id})
      returning id`;
    const refused = await applicant.post(`/my/cases/${caseNumber}/bookings`, { slotId: foreign!.id });
    expect(refused.status).toBe(409);
    expect(visibleText(refused.html)).toContain('该时段已过期或不属于本案的调解员');
    const [own] = await system.database.sql<{ id: string }[]>`
      insert into session_slots (mediator_id, room, starts_at, ends_at, published_by)
      values (${mediator.id}, 'hall', now() + interval '1 day', now() + interval '1 day 1 hour', ${clerk.id})
      returning id`;
    expect((await stranger.post(`/my/cases/${caseNumber}/bookings`, { slotId: own!.id })).status).toBe(404);
    const booked = await applicant.post(`/my/cases/${caseNumber}/bookings`, { slotId: own!.id });
    expect(booked.status).toBe(303);
    // Booking it again for the same case changes nothing.
    expect((await applicant.post(`/my/cases/${caseNumber}/bookings`, { slotId: own!.id })).status).toBe(303);

    const long = '很'.repeat(1001);
    const tooLong = await applicant.post(`/my/cases/${caseNumber}/messages`, { body: long });
    expect(tooLong.status).toBe(400);
    expect(visibleText(tooLong.html)).toContain('留言不能超过1000个字');
    expect(tooLong.html).toContain(long);
  });

  it('takes at most 5 applications an hour from one phone', async () => {
    // So far this phone sent 3 that reached the limit (the unknown mediator's, and two applications).
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await apply(applicant)).status);
    expect(statuses).toEqual([303, 303, 429]);
    const refused = await apply(applicant, { facts: '再次申请' });
    expect(refused.status).toBe(429);
    expect(visibleText(refused.html)).toContain('提交申请过于频繁');
    expect(refused.html).toContain('再次申请');
  });

  it('limits a phone to 20 messages an hour, and texts the parties about replies at most once an hour per case', async () => {
    const [row] = await system.database.sql<{ case_number: string }[]>`
      select case_number from slot_bookings limit 1`;
    const caseNumber = row!.case_number;
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (await applicant.post(`/my/cases/${caseNumber}/messages`, { body: `第${i + 1}条留言` })).status,
      );
    expect(statuses.slice(0, 20).every((status) => status === 303)).toBe(true);
    expect(statuses[20]).toBe(429);
    const refused = await applicant.post(`/my/cases/${caseNumber}/messages`, { body: '还想再问一句' });
    expect(visibleText(refused.html)).toContain('留言过于频繁');
    expect(refused.html).toContain('还想再问一句');

    const staff = pageSession(system, mediator);
    for (const body of ['第一次回复', '第二次回复'])
      expect((await staff.post(`/dashboard/work/cases/${caseNumber}/messages`, { body })).status).toBe(303);
    const texts = await system.database.sql`
      select params from sms_outbox where template_id = 'FST_MESSAGE_REPLY' and params->>'caseNumber' = ${caseNumber}`;
    expect(texts).toHaveLength(1);
    const thread = visibleText((await applicant.get(`/my/cases/${caseNumber}`)).html);
    expect(thread).toContain('第一次回复');
    expect(thread).toContain('第二次回复');
  });

  it('lets the desk cancel a booking with a reason the party reads; the slot is offered again', async () => {
    const [booking] = await system.database.sql<{ case_number: string; slot_id: string }[]>`
      select case_number, slot_id from slot_bookings limit 1`;
    const { case_number: caseNumber, slot_id: slotId } = booking!;
    const path = `/dashboard/work/cases/${caseNumber}/bookings/${slotId}/cancel`;
    expect((await pageSession(system, otherMediator).post(path, { reason: '另有安排' })).status).toBe(404);
    const desk = pageSession(system, clerk);
    const unexplained = await desk.post(path, { reason: '' });
    expect(unexplained.status).toBe(400);
    expect(visibleText(unexplained.html)).toContain('取消预约须填写原因');
    const cancelled = await desk.post(path, { reason: '调解室设备检修，请改约其他时间' });
    expect([cancelled.status, cancelled.location]).toEqual([
      303,
      `/dashboard/work/cases/${caseNumber}?notice=booking-cancelled`,
    ]);
    const page = await applicant.get(`/my/cases/${caseNumber}`);
    const text = visibleText(page.html);
    expect(text).toContain('还没有预约调解时间');
    expect(text).toMatch(/已取消：.*多功能厅\s*原因：调解室设备检修，请改约其他时间/);
    expect(page.html).toContain(`value="${slotId}"`); // offered again
    const [sms] = await system.database.sql<{ params: { caseNumber: string; time: string } }[]>`
      select params from sms_outbox where template_id = 'FST_BOOKING_CANCELLED'`;
    expect(sms?.params).toMatchObject({ caseNumber, time: expect.stringContaining('多功能厅') });
    // Sent again (a reload), the cancellation is done already: no second text.
    expect((await desk.post(path, { reason: '再取消一次' })).status).toBe(303);
    const texts = await system.database.sql`
      select 1 from sms_outbox where template_id = 'FST_BOOKING_CANCELLED' and params->>'caseNumber' = ${caseNumber}`;
    expect(texts).toHaveLength(1);
  });
});
