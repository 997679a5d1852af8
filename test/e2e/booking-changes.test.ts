import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { type CitizenClient, signInCitizen } from '../helpers/citizen-client.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * Parties cancel and move their bookings, over HTTP: until 24 hours before (the centre's policy), a
 * move is one step that takes the new slot and frees the old together, twenty parties racing to move
 * into one slot leave exactly one moved and nineteen with their booking as it was, and every change
 * sent twice changes nothing more. The mediator cancels with a reason the party reads and a text.
 */
describe('cancelling and moving bookings', () => {
  const parties = 20;
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  const citizens: CitizenClient[] = [];
  const caseNumbers: string[] = [];
  const ownSlots: string[] = [];
  let hour = 0;
  /** The party whose move won the race: its own slot is no longer booked, so later tests leave it alone. */
  let raceWinner: number | undefined;
  /** The n-th party whose booking is still on its own slot. */
  const untouched = (n: number) => caseNumbers.map((_, i) => i).filter((i) => i !== raceWinner)[n]!;

  /** A slot of the mediator starting `days` from now (each an hour after the last: no overlap). */
  async function slot(days: number, hours = 0): Promise<string> {
    hour += 1;
    const [row] = await system.database.sql<{ id: string }[]>`
      insert into session_slots (mediator_id, room, starts_at, ends_at, published_by)
      values (${mediator.id}, 'ordinary',
              now() + make_interval(days => ${days}, hours => ${hours + hour}),
              now() + make_interval(days => ${days}, hours => ${hours + hour}, mins => 30), ${mediator.id})
      returning id`;
    return row!.id;
  }
  const bookingOf = async (slotId: string) =>
    (
      await system.database.sql<{ case_number: string }[]>`
        select case_number from slot_bookings where slot_id = ${slotId}`
    )[0]?.case_number;

  beforeAll(async () => {
    system = await startTestSystem({ trustedProxies: ['127.0.0.1'] });
    const api = caseApi(system);
    const centre = await createUnit(system.database.db, '牙克石市非诉纠纷调处中心');
    [clerk, mediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', centre.id),
      createStaff(system.database.db, 'mediator', centre.id),
    ]);
    await Promise.all(
      Array.from({ length: parties }, async (_, i) => {
        const phone = `1390047${String(1000 + i).slice(-4)}`;
        citizens[i] = await signInCitizen(system, phone, `10.3.0.${i + 1}`);
        const registered = await api.register(clerk.token, {
          source: 'walk_in',
          summary: `物业费纠纷 ${i + 1}`,
          parties: [{ kind: 'person', name: `业主${i + 1}`, role: 'applicant', phone }],
        });
        caseNumbers[i] = registered.caseNumber;
        await api.transition(clerk.token, registered.caseNumber, 'triage', {
          triageClass: 'simple',
          category: 'property_management',
        });
        await api.transition(clerk.token, registered.caseNumber, 'assign', { mediatorId: mediator.id });
      }),
    );
    for (let i = 0; i < parties; i++) {
      ownSlots[i] = await slot(2);
      const booked = await citizens[i]!.post(`/my/cases/${caseNumbers[i]}/bookings`, {
        slotId: ownSlots[i]!,
      });
      expect(booked.status).toBe(303);
    }
  });
  afterAll(() => system?.stop());

  it('lets twenty parties race to move into one slot: exactly one moves, the others keep their booking', async () => {
    const target = await slot(3);
    const answers = await Promise.all(
      citizens.map((citizen, i) =>
        citizen.post(`/my/cases/${caseNumbers[i]}/bookings/${ownSlots[i]}/move`, { toSlotId: target }),
      ),
    );
    const moved = answers.flatMap((answer, i) => (answer.status === 303 ? [i] : []));
    expect(moved).toHaveLength(1);
    const winner = moved[0]!;
    raceWinner = winner;
    for (const [i, answer] of answers.entries()) {
      if (i === winner) continue;
      expect(answer.status).toBe(409);
      expect(visibleText(answer.html)).toContain('该时段已被预约，请选择其他时段');
      expect(await bookingOf(ownSlots[i]!)).toBe(caseNumbers[i]);
    }
    expect(await bookingOf(target)).toBe(caseNumbers[winner]);
    expect(await bookingOf(ownSlots[winner]!)).toBeUndefined();
    const page = visibleText((await citizens[winner]!.get(`/my/cases/${caseNumbers[winner]}`)).html);
    expect(page).toMatch(/已改约：.*原因：当事人改约/);
    // Sent again, the move is done already; the old slot stays free and nothing more is recorded.
    const again = await citizens[winner]!.post(
      `/my/cases/${caseNumbers[winner]}/bookings/${ownSlots[winner]}/move`,
      { toSlotId: target },
    );
    expect(again.status).toBe(303);
    const movedRows = await system.database.sql`
      select 1 from booking_cancellations where moved_to_slot_id = ${target}`;
    expect(movedRows).toHaveLength(1);
    const inbox = await system.database.sql<{ title: string }[]>`
      select title from notifications where case_number = ${caseNumbers[winner]!} and recipient_id = ${mediator.id}
      order by created_at`;
    expect(inbox.map((row) => row.title)).toContain(`案件 ${caseNumbers[winner]} 的当事人改约了调解`);
  });

  it('lets a party cancel until the cut-off, once however often it is sent, and never another case’s booking', async () => {
    const i = untouched(1);
    const path = `/my/cases/${caseNumbers[i]}/bookings/${ownSlots[i]}/cancel`;
    expect((await citizens[untouched(0)]!.post(path, {})).status).toBe(404);
    expect(await bookingOf(ownSlots[i]!)).toBe(caseNumbers[i]);
    const cancelled = await citizens[i]!.post(path, {});
    expect([cancelled.status, cancelled.location]).toEqual([
      303,
      `/my/cases/${caseNumbers[i]}?notice=cancelled`,
    ]);
    expect((await citizens[i]!.post(path, {})).status).toBe(303);
    expect(await bookingOf(ownSlots[i]!)).toBeUndefined();
    const page = await citizens[i]!.get(`/my/cases/${caseNumbers[i]}`);
    expect(visibleText(page.html)).toMatch(/已取消：.*原因：当事人取消/);
    expect(page.html).toContain(`value="${ownSlots[i]}"`); // offered again
    const rows = await system.database.sql`
      select 1 from booking_cancellations where slot_id = ${ownSlots[i]!} and cancelled_by_kind = 'party'`;
    expect(rows).toHaveLength(1);
  });

  it('refuses to cancel or move online within 24 hours of the session, and keeps the booking', async () => {
    const i = untouched(3);
    const soon = await slot(0, 2);
    expect((await citizens[i]!.post(`/my/cases/${caseNumbers[i]}/bookings`, { slotId: soon })).status).toBe(
      303,
    );
    const page = await citizens[i]!.get(`/my/cases/${caseNumbers[i]}`);
    expect(visibleText(page.html)).toContain('距调解已不足24小时，如需取消或改约，请给调解员留言或致电中心');
    expect(page.html).not.toContain(`/bookings/${soon}/cancel`);
    const cancel = await citizens[i]!.post(`/my/cases/${caseNumbers[i]}/bookings/${soon}/cancel`, {});
    expect(cancel.status).toBe(409);
    expect(visibleText(cancel.html)).toContain('距预约的调解已不足24小时，不能在线取消或改约');
    const free = await slot(4);
    const move = await citizens[i]!.post(`/my/cases/${caseNumbers[i]}/bookings/${soon}/move`, {
      toSlotId: free,
    });
    expect(move.status).toBe(409);
    expect(await bookingOf(soon)).toBe(caseNumbers[i]);
    expect(await bookingOf(free)).toBeUndefined();
    // A slot that is not the case's mediator's is refused with the field kept on the page.
    const bad = await citizens[i]!.post(`/my/cases/${caseNumbers[i]}/bookings/${ownSlots[i]}/move`, {
      toSlotId: 'not-a-slot',
    });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.html)).toContain('请选择要改约到的时段');
  });

  it('lets the mediator cancel with a reason the party reads and a text, once however often it is sent', async () => {
    const i = untouched(4);
    const path = `/dashboard/work/cases/${caseNumbers[i]}/bookings/${ownSlots[i]}/cancel`;
    const staff = pageSession(system, mediator);
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await staff.post(path, { reason: '调解员临时出差，请改约' });
      expect([answer.status, answer.location]).toEqual([
        303,
        `/dashboard/work/cases/${caseNumbers[i]}?notice=booking-cancelled`,
      ]);
    }
    const page = visibleText((await citizens[i]!.get(`/my/cases/${caseNumbers[i]}`)).html);
    expect(page).toMatch(/已取消：.*原因：调解员临时出差，请改约/);
    const texts = await system.database.sql`
      select 1 from sms_outbox where template_id = 'FST_BOOKING_CANCELLED' and params->>'caseNumber' = ${caseNumbers[i]!}`;
    expect(texts).toHaveLength(1);
  });
});
