import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { launchChromium } from '../helpers/chromium.js';
import { type CitizenClient, signInCitizen } from '../helpers/citizen-client.js';
import { eventually } from '../helpers/eventually.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const screenshots = join(process.cwd(), 'test-results', 'public');

/**
 * The party's bookings on a phone (375×812): one session held and recorded (已举行), another moved
 * to a later slot with the 改约 form (已改约 / 已预约). Screenshot: test-results/public/9-bookings-held-and-moved.png.
 */
describe('a party’s held and moved bookings in the browser', () => {
  let system: TestSystem;
  let mediator: TestUser;
  let party: CitizenClient;
  let context: BrowserContext;
  let page: Page;
  let profile: Awaited<ReturnType<typeof makeTempDir>>;
  let caseNumber: string;
  const slots: Record<'now' | 'later' | 'latest', string> = { now: '', later: '', latest: '' };

  beforeAll(async () => {
    system = await startTestSystem({ trustedProxies: ['127.0.0.1'] });
    const api = caseApi(system);
    const centre = await createUnit(system.database.db, '鄂温克族自治旗非诉纠纷调处中心');
    const clerk = await createStaff(system.database.db, 'clerk', centre.id);
    mediator = await createStaff(system.database.db, 'mediator', centre.id);
    party = await signInCitizen(system, '13800138201', '10.4.0.1');
    caseNumber = (
      await api.register(clerk.token, {
        source: 'walk_in',
        summary: '草场租赁合同纠纷',
        parties: [{ kind: 'person', name: '巴特尔', role: 'applicant', phone: '13800138201' }],
        mediationConsent: { givenBy: ['巴特尔'] },
      })
    ).caseNumber;
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'contract' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    for (const [key, offset] of [
      ['now', '1 minute'],
      ['later', '2 days'],
      ['latest', '3 days'],
    ] as const) {
      const [row] = await system.database.sql<{ id: string }[]>`
        insert into session_slots (mediator_id, unit_id, room, starts_at, ends_at, published_by)
        values (${mediator.id}, ${centre.id}, 'ordinary', date_trunc('minute', now()) + ${offset}::interval,
                date_trunc('minute', now()) + ${offset}::interval + interval '1 hour', ${mediator.id})
        returning id`;
      slots[key] = row!.id;
    }
    for (const slotId of [slots.now, slots.later])
      expect((await party.post(`/my/cases/${caseNumber}/bookings`, { slotId })).status).toBe(303);
    const [now] = await system.database.sql<{ starts_at: Date }[]>`
      select starts_at from session_slots where id = ${slots.now}`;
    await api.transition(mediator.token, caseNumber, 'sessions', {
      heldAt: new Date(now!.starts_at).toISOString(),
      summary: '双方到场，确认租期与租金。',
    });
    await eventually(async () => {
      const [row] = await system.database.sql<{ held_session_seq: number | null }[]>`
        select held_session_seq from slot_bookings where slot_id = ${slots.now}`;
      return row?.held_session_seq ?? undefined;
    });
    await mkdir(screenshots, { recursive: true });
    profile = await makeTempDir('chromium');
    context = await launchChromium(profile.path, {
      locale: 'zh-CN',
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
    });
    const [name, value] = party.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: system.baseUrl }]);
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
    await system?.stop();
  });

  it('shows the held session as 已举行 and moves the other booking with the 改约 form', async () => {
    await page.goto(`${system.baseUrl}/my/cases/${caseNumber}`);
    expect(await page.locator('#held-sessions').textContent()).toContain('已举行');
    const form = page.locator(`form[action$="/bookings/${slots.later}/move"]`);
    await form.locator('select[name="toSlotId"]').selectOption(slots.latest);
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(/notice=moved/);
    expect(await page.getByRole('status').textContent()).toContain('已改约，请按新的时间到场。');
    expect(await page.locator('#booked-sessions').textContent()).toContain('已预约');
    expect(await page.locator('#cancelled-bookings').textContent()).toContain('已改约');
    await page.screenshot({ path: join(screenshots, '9-bookings-held-and-moved.png'), fullPage: true });
  });
});
