import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionTimeZh } from '../../domain/session-rooms.js';
import { sessionReminderWorkflowId } from '../../workflows/session-reminder.messages.js';
import { caseApi } from '../helpers/case-api.js';
import { signInCitizen } from '../helpers/citizen-client.js';
import { eventually } from '../helpers/eventually.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * The day-before SMS reminder of a booked session: a workflow Temporal starts a day before the
 * session (start delay, nothing polls). Slots a day and a few seconds ahead make "the day before" a
 * few seconds away (the booking also shows on the mediator's workbench); the test waits for the reminders' workflows to finish, never a fixed time.
 */
describe('session reminders by SMS', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;

  beforeAll(async () => {
    system = await startTestSystem({ trustedProxies: ['127.0.0.1'] });
    const centre = await createUnit(system.database.db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', centre.id),
      createStaff(system.database.db, 'mediator', centre.id),
    ]);
  });
  afterAll(() => system?.stop());

  async function slotIn(seconds: number, room: 'video' | 'hall') {
    const [slot] = await system.database.sql<{ id: string; starts_at: Date }[]>`
      insert into session_slots (mediator_id, room, starts_at, ends_at, published_by)
      values (${mediator.id}, ${room}, now() + interval '1 day' + make_interval(secs => ${seconds}),
              now() + interval '1 day' + make_interval(secs => ${seconds + 1}), ${clerk.id})
      returning id, starts_at`;
    return slot!;
  }
  async function reminderOf(caseNumber: string, slotId: string, bookedAt: Date | string) {
    const handle = system.temporal.workflow.getHandle(
      sessionReminderWorkflowId({ slotId, caseNumber, bookedAt: new Date(bookedAt).toISOString() }),
    );
    return handle;
  }

  it('reminds the party the day before a booked session, and not of a cancelled one', async () => {
    const api = caseApi(system);
    const registered = await api.register(clerk.token, {
      source: 'walk_in',
      summary: '邻里噪音纠纷',
      parties: [
        { kind: 'person', name: '钱多', role: 'applicant', phone: '137-0013-7000' },
        { kind: 'person', name: '孙少', role: 'respondent' },
      ],
    });
    const caseNumber = registered.caseNumber as string;
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'neighbour' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    const party = await signInCitizen(system, '13700137000', '10.2.0.1');

    const cancelled = await slotIn(6, 'hall');
    const kept = await slotIn(8, 'video');
    expect((await party.post(`/my/cases/${caseNumber}/bookings`, { slotId: cancelled.id })).status).toBe(303);
    const desk = pageSession(system, clerk);
    const cancel = await desk.post(`/dashboard/work/cases/${caseNumber}/bookings/${cancelled.id}/cancel`, {
      reason: '调解员临时出差',
    });
    expect(cancel.status).toBe(303);
    expect((await party.post(`/my/cases/${caseNumber}/bookings`, { slotId: kept.id })).status).toBe(303);

    // The booking shows on the mediator's workbench (the cancelled one no longer does).
    const workbench = await pageSession(system, mediator).get('/dashboard/work');
    const listed = visibleText(workbench.html);
    expect(listed).toContain('我的预约');
    expect(listed).toMatch(new RegExp(`视频调解室\\s*${caseNumber}`));
    expect(listed).not.toContain('多功能厅');
    expect(visibleText((await desk.get('/dashboard/work')).html)).not.toContain('我的预约');

    // Each booking told the mediator's inbox once (the kept one was submitted twice).
    expect((await party.post(`/my/cases/${caseNumber}/bookings`, { slotId: kept.id })).status).toBe(303);
    const inbox = await system.request('GET', '/v1/inbox', { credential: mediator.token });
    const { items } = (await inbox.json()) as { items: { kind: string; title: string; body: string }[] };
    expect(items.filter((item) => item.kind === 'session_booked')).toEqual([
      expect.objectContaining({
        title: `案件 ${caseNumber} 的当事人预约了调解`,
        body: `${sessionTimeZh(new Date(kept.starts_at))} 视频调解室`,
      }),
      expect.objectContaining({ body: `${sessionTimeZh(new Date(cancelled.starts_at))} 多功能厅` }),
    ]);

    const [cancelledBooking] = await system.database.sql<{ booked_at: Date }[]>`
      select booked_at from booking_cancellations where slot_id = ${cancelled.id}`;
    const [keptBooking] = await system.database.sql<{ booked_at: Date }[]>`
      select booked_at from slot_bookings where slot_id = ${kept.id}`;
    const cancelledReminder = await reminderOf(caseNumber, cancelled.id, cancelledBooking!.booked_at);
    const keptReminder = await reminderOf(caseNumber, kept.id, keptBooking!.booked_at);
    // Nothing is sent at booking: the reminders wait for the day before.
    expect((await keptReminder.describe()).status.name).toBe('RUNNING');
    const before = await system.database
      .sql`select 1 from sms_outbox where template_id = 'FST_SESSION_REMINDER'`;
    expect(before).toHaveLength(0);

    // The cancelled booking's reminder comes to nothing; the kept one queues the text.
    expect(await cancelledReminder.result()).toBe(0);
    expect(await keptReminder.result()).toBe(1);
    const reminders = await eventually(async () => {
      const rows = await system.database.sql<{ phone: string; params: Record<string, string> }[]>`
        select phone, params from sms_outbox where template_id = 'FST_SESSION_REMINDER'`;
      return rows.length > 0 ? rows : undefined;
    });
    expect(reminders).toEqual([
      {
        phone: '13700137000',
        params: { caseNumber, time: sessionTimeZh(new Date(kept.starts_at)), room: '视频调解室' },
      },
    ]);
  });
});
