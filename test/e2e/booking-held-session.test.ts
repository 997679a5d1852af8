import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateTimeText } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { type CitizenClient, signInCitizen } from '../helpers/citizen-client.js';
import { eventually } from '../helpers/eventually.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * A booking becomes the session record when held, over HTTP: the party books a slot starting in a
 * minute, the mediator opens 记录本次调解 from the booking (the session form filled in with the booked
 * time, the room and the parties), records it, and the party's page shows the booking as 已举行.
 */
describe('a booked session held and recorded', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  let party: CitizenClient;
  let caseNumber: string;
  let slotId: string;
  let startsAt: Date;

  beforeAll(async () => {
    system = await startTestSystem({ trustedProxies: ['127.0.0.1'] });
    const api = caseApi(system);
    const centre = await createUnit(system.database.db, '扎兰屯市非诉纠纷调处中心');
    [clerk, mediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', centre.id),
      createStaff(system.database.db, 'mediator', centre.id),
    ]);
    party = await signInCitizen(system, '13800138101', '10.2.0.1');
    const registered = await api.register(clerk.token, {
      source: 'walk_in',
      summary: '邻里漏水纠纷',
      parties: [
        { kind: 'person', name: '王芳', role: 'applicant', phone: '13800138101' },
        { kind: 'person', name: '李军', role: 'respondent' },
      ],
      mediationConsent: { givenBy: ['王芳', '李军'] },
    });
    caseNumber = registered.caseNumber;
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'neighbour' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    // A slot that starts in a minute: booked while ahead, recordable once it has begun.
    const [slot] = await system.database.sql<{ id: string; starts_at: Date }[]>`
      insert into session_slots (mediator_id, unit_id, room, starts_at, ends_at, published_by)
      values (${mediator.id}, ${centre.id}, 'video', date_trunc('minute', now()) + interval '1 minute',
              date_trunc('minute', now()) + interval '61 minutes', ${mediator.id})
      returning id, starts_at`;
    slotId = slot!.id;
    startsAt = new Date(slot!.starts_at);
    expect((await party.post(`/my/cases/${caseNumber}/bookings`, { slotId })).status).toBe(303);
  });
  afterAll(() => system?.stop());

  it('offers 记录本次调解 on the workbench, filled in from the booking', async () => {
    const staff = pageSession(system, mediator);
    const list = await staff.get('/dashboard/work');
    expect(list.html).toContain(`/dashboard/work/cases/${caseNumber}?session=${slotId}#action-recordSession`);
    const casePage = await staff.get(`/dashboard/work/cases/${caseNumber}`);
    expect(visibleText(casePage.html)).toContain('记录本次调解');
    const form = await staff.get(`/dashboard/work/cases/${caseNumber}?session=${slotId}`);
    expect(form.status).toBe(200);
    const heldAt = chinaDateTimeText(startsAt.getTime()).replace(' ', 'T');
    expect(form.html).toContain(`value="${heldAt}"`);
    expect(form.html).toContain('value="扎兰屯市非诉纠纷调处中心 视频调解室"');
    expect(form.html).toMatch(/到场人员：申请人王芳、被申请人李军/);
    expect(form.html).toMatch(/<details class="action" id="action-recordSession" open>/);
  });

  it('marks the booking held when the mediator records the session at its time, and the party sees 已举行', async () => {
    const staff = pageSession(system, mediator);
    const heldAt = chinaDateTimeText(startsAt.getTime()).replace(' ', 'T');
    // The session can be recorded up to five minutes ahead; the slot starts within a minute.
    const recorded = await staff.post(`/dashboard/work/cases/${caseNumber}/actions/recordSession`, {
      heldAt,
      location: '扎兰屯市非诉纠纷调处中心 视频调解室',
      summary: '到场人员：申请人王芳、被申请人李军\n双方同意先行修复漏水点。',
    });
    expect(recorded.status).toBe(303);
    const [linked] = await eventually(async () => {
      const rows = await system.database.sql<{ held_session_seq: number | null }[]>`
        select held_session_seq from slot_bookings where slot_id = ${slotId}`;
      return rows[0]?.held_session_seq ? rows : undefined;
    });
    const [session] = await system.database.sql<{ seq: number }[]>`
      select seq from case_sessions where case_number = ${caseNumber}`;
    expect(linked!.held_session_seq).toBe(session!.seq);

    const partyPage = visibleText((await party.get(`/my/cases/${caseNumber}`)).html);
    expect(partyPage).toMatch(/已举行\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2} 视频调解室/);
    expect(partyPage).not.toMatch(/已预约：/);
    const workbench = await staff.get(`/dashboard/work/cases/${caseNumber}`);
    expect(visibleText(workbench.html)).toContain('已举行 已记为调解记录');
    expect(workbench.html).not.toContain(`/bookings/${slotId}/cancel`);
    // Opened again from the booking, the form is no longer filled in.
    const again = await staff.get(`/dashboard/work/cases/${caseNumber}?session=${slotId}`);
    expect(again.html).not.toContain('value="扎兰屯市非诉纠纷调处中心 视频调解室"');
  });

  it('links one booking to one session: a second session at the same time leaves the link alone', async () => {
    const staff = pageSession(system, mediator);
    // Now is within the booked slot's window too (from an hour before it to its end).
    const recorded = await staff.post(`/dashboard/work/cases/${caseNumber}/actions/recordSession`, {
      heldAt: chinaDateTimeText(Date.now()).replace(' ', 'T'),
      summary: '补充记录：双方确认维修费用分担。',
    });
    expect(recorded.status).toBe(303);
    const sessions = await eventually(async () => {
      const rows = await system.database.sql<{ seq: number }[]>`
        select seq from case_sessions where case_number = ${caseNumber} order by seq`;
      return rows.length === 2 ? rows : undefined;
    });
    const [booking] = await system.database.sql<{ held_session_seq: number }[]>`
      select held_session_seq from slot_bookings where slot_id = ${slotId}`;
    expect(booking!.held_session_seq).toBe(sessions[0]!.seq);
  });
});
