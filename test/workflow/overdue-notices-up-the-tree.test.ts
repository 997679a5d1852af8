import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema/index.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { createStaff, type TestUser } from '../helpers/staff.js';

describe('overdue and at-risk notices of a station’s case (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  let station: string;
  let stationSupervisor: TestUser;
  let siblingSupervisor: TestUser;
  let stationMediator: TestUser;

  beforeAll(async () => {
    h = await createCaseWorkflowHarness();
    // The harness's unit is the centre (h.supervisor supervises it); two stations hang below it.
    const [first, sibling] = await h.database.db
      .insert(units)
      .values(
        ['交通事故调解站', '物业纠纷调解站'].map((name) => ({
          code: `S-${randomBytes(4).toString('hex')}`,
          name,
          kind: 'station' as const,
          parentId: h.unitId,
        })),
      )
      .returning();
    station = first!.id;
    [stationSupervisor, siblingSupervisor, stationMediator] = await Promise.all([
      createStaff(h.database.db, 'supervisor', station),
      createStaff(h.database.db, 'supervisor', sibling!.id),
      createStaff(h.database.db, 'mediator', station),
    ]);
  });
  afterAll(() => h?.teardown());

  async function recipientsOf(caseNumber: string, kind: string): Promise<string[]> {
    const rows = await h.database.sql`
      select recipient_id from notifications where case_number = ${caseNumber} and kind = ${kind}`;
    return rows.map((row) => String(row.recipient_id)).sort();
  }

  it('reach the supervisors of the station and of the centre above it, not of a sibling station', async () => {
    await h.run(async () => {
      const caseNumber = 'TS-2026-000701';
      const handle = await h.start(caseNumber, {}, { unitId: station });
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'contract' });
      // Unassigned, the case's reminders (at risk) go to the supervisors.
      const triaged = await h.view(handle);
      const running = triaged.deadlines.filter(
        (d) => d.closedAt === null && d.explanation.reminders.length > 0,
      );
      const reminder = running.flatMap((d) => d.explanation.reminders)[0];
      expect(reminder).toBeDefined();
      await h.skipUntil(reminder!.atEpochMilliseconds);
      await h.view(handle);
      const supervisors = [h.supervisor.id, stationSupervisor.id].sort();
      await expect.poll(() => recipientsOf(caseNumber, 'deadline_reminder')).toEqual(supervisors);

      await h.transition(handle, 'assign', h.clerk, { mediatorId: stationMediator.id });
      const assigned = await h.view(handle);
      const due = Math.min(
        ...assigned.deadlines
          .filter((d) => d.closedAt === null)
          .map((d) => d.explanation.dueAtEpochMilliseconds),
      );
      await h.skipUntil(due);
      const late = await h.view(handle);
      expect(late.deadlines.some((d) => d.status === 'overdue')).toBe(true);
      const everyone = [h.supervisor.id, stationSupervisor.id, stationMediator.id].sort();
      await expect.poll(() => recipientsOf(caseNumber, 'deadline_overdue')).toEqual(everyone);
      const overdue = await recipientsOf(caseNumber, 'deadline_overdue');
      expect(overdue).not.toContain(siblingSupervisor.id);
    });
  });
});
