import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { type CitizenClient, signInCitizen } from '../helpers/citizen-client.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/** At most this many requests in flight: 200 phones, but a loopback server on a shared 2-core machine. */
const concurrency = 20;

async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let index = next++; index < items.length; index = next++)
        results[index] = await work(items[index]!, index);
    }),
  );
  return results;
}

const phoneOf = (index: number) => `139${String(100_000_000 + index).slice(1)}`;
const addressOf = (index: number) => `10.20.${Math.floor(index / 250)}.${(index % 250) + 1}`;

/**
 * A bounded load on loopback: 200 citizens, each on their own phone and address, sign in and apply
 * within a minute, every form sent twice at once (a double tap): exactly 200 cases, one per phone.
 * Then 50 of them race for the one slot their mediator published: exactly one booking.
 */
describe('the public channel under load', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  let citizens: CitizenClient[];
  let caseNumbers: string[];

  beforeAll(async () => {
    system = await startTestSystem({ trustedProxies: ['127.0.0.1'] });
    const centre = await createUnit(system.database.db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', centre.id),
      createStaff(system.database.db, 'mediator', centre.id),
    ]);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('200 applications from 200 phones within a minute open 200 cases, none lost or doubled', async () => {
    const phones = Array.from({ length: 200 }, (_, index) => phoneOf(index));
    const started = Date.now();
    citizens = await inParallel(phones, concurrency, (phone, index) =>
      signInCitizen(system, phone, addressOf(index)),
    );
    const signedIn = Date.now() - started;
    const applying = Date.now();
    const answers = await inParallel(citizens, concurrency, async (citizen, index) => {
      const form = await citizen.get('/my/apply');
      const formToken = /name="formToken" value="([^"]+)"/.exec(form.html)![1]!;
      const fields = {
        formToken,
        applicantName: `申请人${index}`,
        category: 'neighbour',
        facts: `第${index}号申请：邻居装修噪音扰民`,
        request: '停止夜间施工',
        respondentKind: 'person',
        respondentName: `邻居${index}`,
        consent: 'yes',
      };
      // A double tap: the same form twice at once.
      return Promise.all([citizen.post('/my/apply', fields), citizen.post('/my/apply', fields)]);
    });
    const elapsed = Date.now() - applying;
    console.info(
      `200 sign-ins in ${signedIn} ms; then 200 applications (400 submissions, ${concurrency} phones at a time) in ${elapsed} ms`,
    );
    expect(elapsed).toBeLessThan(60_000);
    for (const pair of answers) {
      expect(pair.map((answer) => answer.status)).toEqual([303, 303]);
      expect(pair[0]!.location).toBe(pair[1]!.location);
    }
    caseNumbers = answers.map((pair) => /\/my\/cases\/([^?]+)/.exec(pair[0]!.location!)![1]!);
    expect(new Set(caseNumbers).size).toBe(200);
    const [counts] = await system.database.sql<{ cases: number; online: number; applications: number }[]>`
      select (select count(*)::int from cases) as cases,
             (select count(*)::int from cases where source = 'online') as online,
             (select count(*)::int from online_applications) as applications`;
    expect(counts).toEqual({ cases: 200, online: 200, applications: 200 });
    // Each phone sees exactly its own case.
    const own = await citizens[7]!.get('/my');
    expect(own.html).toContain(caseNumbers[7]);
    expect(own.html).not.toContain(caseNumbers[8]);
  }, 150_000);

  it('50 parties racing for one slot: exactly one booking', async () => {
    const api = caseApi(system);
    const racing = caseNumbers.slice(0, 50);
    await inParallel(racing, 10, async (caseNumber) => {
      await api.transition(clerk.token, caseNumber, 'triage', {
        triageClass: 'simple',
        category: 'neighbour',
      });
      await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    });
    const [slot] = await system.database.sql<{ id: string }[]>`
      insert into session_slots (mediator_id, room, starts_at, ends_at, published_by)
      values (${mediator.id}, 'ordinary', now() + interval '2 days', now() + interval '2 days 1 hour', ${mediator.id})
      returning id`;
    // Every party's case page offers the slot before the race.
    const offered = await citizens[0]!.get(`/my/cases/${racing[0]}`);
    expect(offered.html).toContain(slot!.id);
    const answers = await Promise.all(
      racing.map((caseNumber, index) =>
        citizens[index]!.post(`/my/cases/${caseNumber}/bookings`, { slotId: slot!.id }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 303)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(answers.find((answer) => answer.status === 409)!.html).toContain('该时段已被预约，请选择其他时段');
    const bookings = await system.database.sql`select case_number from slot_bookings`;
    expect(bookings).toHaveLength(1);
    // An overlapping slot of the same mediator is refused by the exclusion constraint.
    await expect(
      system.database.sql`
        insert into session_slots (mediator_id, room, starts_at, ends_at, published_by)
        values (${mediator.id}, 'video', now() + interval '2 days 30 minutes', now() + interval '2 days 90 minutes', ${mediator.id})`,
    ).rejects.toMatchObject({ code: '23P01' });
  }, 120_000);
});
