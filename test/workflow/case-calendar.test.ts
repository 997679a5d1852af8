import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarOverrides, calendarYears } from '../../db/schema/index.js';
import { calendarChangedSignal } from '../../workflows/case.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';

describe('a deadline that runs into a year without holiday data (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  beforeAll(async () => {
    h = await createCaseWorkflowHarness();
  });
  afterAll(() => h?.teardown());

  it('is flagged "calendar unconfirmed", then recomputed when an admin loads that year', async () => {
    await h.run(async () => {
      const handle = await h.start('TS-2026-000201');
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'complex', category: 'land' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      await h.transition(handle, 'accept', h.mediator, {});
      await h.transition(handle, 'requestExtension', h.mediator, {
        days: 15,
        reason: '等待土地确权资料',
        partiesConsent: true,
      });
      const extended = await h.transition(handle, 'decideExtension', h.supervisor, { approve: true });
      const before = extended.deadlines.find((d) => d.kind === 'stage')!.explanation;
      // 30 + 15 days from late November 2026 ends in January 2027, which the holiday package does not cover
      // (run later, the year is later still, and no newer year is covered either).
      const year = Number(before.dueDate.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(2027);
      expect(before.calendarUnconfirmed).toBe(true);
      expect(before.unconfirmedYears).toContain(year);
      expect(before.summaryZh).toContain(String(year));

      // The admin loads that year: its due day becomes a holiday (an illustrative override), and the year is confirmed.
      await h.database.db
        .insert(calendarOverrides)
        .values({ date: before.dueDate, kind: 'holiday', name: '测试假日' });
      await h.database.db.insert(calendarYears).values(before.unconfirmedYears.map((y) => ({ year: y })));
      await handle.signal(calendarChangedSignal, { years: before.unconfirmedYears });
      const after = (
        await h.viewWhen(
          handle,
          (v) => v.deadlines.find((d) => d.kind === 'stage')?.explanation.calendarUnconfirmed === false,
        )
      ).deadlines.find((d) => d.kind === 'stage')!.explanation;
      expect(after.calendarUnconfirmed).toBe(false);
      expect(after.dueDate > before.dueDate).toBe(true);
      expect(after.skipped.map((s) => s.date)).toContain(before.dueDate);
      const events = await h.database.sql`
        select payload from case_events where case_number = 'TS-2026-000201' and type = 'deadline_recomputed'`;
      expect(events).toHaveLength(1);
      expect(events[0]!.payload).toMatchObject({
        kind: 'stage',
        before: before.dueDate,
        after: after.dueDate,
      });
    });
  });
});
