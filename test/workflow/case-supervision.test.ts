import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import { explainSupervisionUpdate, issueSupervisionOrderUpdate } from '../../workflows/case.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { eventually } from '../helpers/eventually.js';

describe('a supervision order (督办) is a deadline of its own (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  beforeAll(async () => {
    h = await createCaseWorkflowHarness();
  });
  afterAll(() => h?.teardown());

  async function refusal(promise: Promise<unknown>) {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((error as WorkflowUpdateFailedError).cause as unknown as { type: string }).type;
  }

  it('is issued by a supervisor to the assignee, falls overdue if unanswered, and is met by the explanation', async () => {
    await h.run(async () => {
      const handle = await h.start('TS-2026-000401');
      const today = chinaDateOf(await h.env.currentTimeMs());
      const order = { note: '案件超期未结，请说明原因及下一步安排', explainBy: addDays(today, 3) };
      expect(
        await refusal(
          handle.executeUpdate(issueSupervisionOrderUpdate, {
            args: [{ ...order, actor: h.actor(h.supervisor) }],
          }),
        ),
      ).toBe('no_assignee');
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'contract' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      expect(
        await refusal(
          handle.executeUpdate(issueSupervisionOrderUpdate, {
            args: [{ ...order, actor: h.actor(h.clerk) }],
          }),
        ),
      ).toBe('forbidden_role');
      const issued = await handle.executeUpdate(issueSupervisionOrderUpdate, {
        args: [{ ...order, actor: h.actor(h.supervisor) }],
      });
      const deadline = issued.deadlines.find((d) => d.kind === 'supervision')!;
      expect(deadline.explanation.dueDate >= order.explainBy).toBe(true);
      expect(issued.supervisionOrders).toHaveLength(1);
      expect(
        await refusal(
          handle.executeUpdate(issueSupervisionOrderUpdate, {
            args: [{ ...order, actor: h.actor(h.supervisor) }],
          }),
        ),
      ).toBe('supervision_pending');

      await h.skipUntil(deadline.explanation.dueAtEpochMilliseconds);
      const late = await h.viewWhen(
        handle,
        (v) => v.deadlines.find((d) => d.kind === 'supervision')?.status === 'overdue',
      );
      expect(late.deadlines.find((d) => d.kind === 'supervision')?.status).toBe('overdue');
      const notices = await eventually(async () => {
        const rows = await h.database.sql`
          select kind, recipient_id from notifications where case_number = 'TS-2026-000401' and kind in ('supervision_issued', 'deadline_overdue')`;
        return rows.length >= 3 ? rows : undefined;
      });
      expect(notices.map((n) => n.kind).sort()).toEqual([
        'deadline_overdue',
        'deadline_overdue',
        'supervision_issued',
      ]);

      expect(
        await refusal(
          handle.executeUpdate(explainSupervisionUpdate, {
            args: [{ explanation: '代答', actor: h.actor(h.clerk) }],
          }),
        ),
      ).toBe('not_addressee');
      const answered = await handle.executeUpdate(explainSupervisionUpdate, {
        args: [{ explanation: '当事人外出务工，已约定下周调解', actor: h.actor(h.mediator) }],
      });
      expect(answered.deadlines.find((d) => d.kind === 'supervision')?.status).toBe('met');
      const [row] = await h.database
        .sql`select explanation, explained_at is not null as answered from supervision_orders`;
      expect(row).toEqual({ explanation: '当事人外出务工，已约定下周调解', answered: true });
    });
  });
});
