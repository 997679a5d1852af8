import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { createInstitution } from '../helpers/staff.js';

describe('police mediation rounds (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  beforeAll(async () => {
    h = await createCaseWorkflowHarness();
  });
  afterAll(() => h?.teardown());

  it('closes the window for a second round 7 working days after the first, and refuses a late second round', async () => {
    const station = await createInstitution(h.database.db, 'police', '正阳派出所');
    await h.run(async () => {
      const now = new Date(await h.env.currentTimeMs()).toISOString();
      const handle = await h.start(
        'PO-2026-000001',
        {},
        {
          source: 'police',
          registeredBy: { kind: 'institution', id: station.id, role: 'police' },
          referral: {
            kind: 'police',
            institutionId: station.id,
            institutionName: station.name,
            reference: 'PO-1',
            caseType: 'public_order',
            facts: '邻里口角引发推搡',
            incidentDate: chinaDateOf(now),
            officerContact: { name: '刘警官' },
            referralDate: chinaDateOf(now),
            receivedAt: now,
            callbackUrl: null,
          },
        },
      );
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'neighbour' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      await h.transition(handle, 'accept', h.mediator, {});
      const first = await h.transition(handle, 'recordSession', h.mediator, {
        heldAt: now,
        summary: '第一次调解',
      });
      const window = first.deadlines.find((d) => d.kind === 'police_second_round')!;
      expect(window.explanation).toMatchObject({ period: { unit: 'working_days', length: 7 } });
      await h.skipUntil(window.explanation.dueAtEpochMilliseconds);
      const closed = await h.viewWhen(
        handle,
        (v) => v.deadlines.find((d) => d.kind === 'police_second_round')?.status === 'cancelled',
      );
      expect(closed.deadlines.find((d) => d.kind === 'police_second_round')?.status).toBe('cancelled');
      expect(closed.overdue).toBe(false);
      const late = await h
        .transition(handle, 'recordSession', h.mediator, {
          heldAt: new Date(await h.env.currentTimeMs()).toISOString(),
          summary: '第二次',
        })
        .catch((error: unknown) => error);
      expect(late).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((late as WorkflowUpdateFailedError).cause as unknown as { type: string }).type).toBe(
        'second_round_expired',
      );
    });
  });
});
