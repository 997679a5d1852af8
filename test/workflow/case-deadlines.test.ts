import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { eventually } from '../helpers/eventually.js';

const day = 24 * 60 * 60 * 1000;

describe('case deadlines are durable timers (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  beforeAll(async () => {
    h = await createCaseWorkflowHarness();
  });
  afterAll(() => h?.teardown());

  async function inbox(kind: string, caseNumber: string) {
    return h.database.sql`
      select recipient_id, title from notifications where case_number = ${caseNumber} and kind = ${kind} order by recipient_id`;
  }

  it('reminds the assignee at each reminder point, then marks the case overdue and tells the supervisor, and keeps waiting', async () => {
    await h.run(async () => {
      const handle = await h.start('TS-2026-000101');
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'neighbour' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      const view = await h.transition(handle, 'accept', h.mediator, {});
      const stage = view.deadlines.find((d) => d.kind === 'stage')!;
      const reminders = stage.explanation.reminders.map((r) => r.atEpochMilliseconds).sort();
      expect(reminders.length).toBeGreaterThanOrEqual(1);

      // Just before the first reminder point: nothing sent yet.
      await h.skipUntil(reminders[0]!, -60_000);
      expect(await inbox('deadline_reminder', 'TS-2026-000101')).toHaveLength(0);
      // Just after it: the assignee has exactly one reminder.
      await h.skipUntil(reminders[0]!);
      const first = await eventually(async () => {
        const rows = await inbox('deadline_reminder', 'TS-2026-000101');
        return rows.length > 0 ? rows : undefined;
      });
      expect(first.map((n) => n.recipient_id)).toEqual([h.mediator.id]);
      expect((await h.view(handle)).overdue).toBe(false);

      // Past the due instant (the end of the due day, China time): overdue, and the supervisor knows.
      await h.skipUntil(stage.explanation.dueAtEpochMilliseconds);
      const after = await h.viewWhen(handle, (v) => v.overdue);
      expect(after.overdue).toBe(true);
      expect(after.stage).toBe('resolve');
      const overdueNotices = await inbox('deadline_overdue', 'TS-2026-000101');
      expect(overdueNotices.map((n) => n.recipient_id).sort()).toEqual(
        [h.mediator.id, h.supervisor.id].sort(),
      );
      expect((await inbox('deadline_reminder', 'TS-2026-000101')).length).toBe(reminders.length);
      const [row] = await h.database.sql`
        select overdue, (select status from case_deadlines d where d.case_number = c.case_number and kind = 'stage') as status
        from cases c where case_number = 'TS-2026-000101'`;
      expect(row).toEqual({ overdue: true, status: 'overdue' });

      // An overdue case is still open work: it can still be settled.
      const settled = await h.transition(handle, 'settle', h.mediator, {
        form: 'oral',
        terms: '疏通排水管，费用各半',
        amountFen: 30_000,
        performance: [],
      });
      expect(settled.overdue).toBe(false);
      expect(settled.deadlines.find((d) => d.kind === 'stage')?.overdueSince).not.toBeNull();
    });
  });

  it('moves the deadline when an extension is approved, and does not fire at the old time', async () => {
    await h.run(async () => {
      const handle = await h.start('TS-2026-000102');
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'family' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      await h.transition(handle, 'accept', h.mediator, {});
      const before = (await h.view(handle)).deadlines.find((d) => d.kind === 'stage')!.explanation;
      await h.transition(handle, 'requestExtension', h.mediator, {
        days: 10,
        reason: '等待亲属协商',
        partiesConsent: true,
      });
      const approved = await h.transition(handle, 'decideExtension', h.supervisor, { approve: true });
      const after = approved.deadlines.find((d) => d.kind === 'stage')!.explanation;
      expect(after.extensionDays).toBe(10);
      // Ten more days on the period itself; the due date may then roll over a weekend or holiday.
      expect(Date.parse(after.unrolledDueDate) - Date.parse(before.unrolledDueDate)).toBe(10 * day);
      expect(after.dueAtEpochMilliseconds).toBeGreaterThan(before.dueAtEpochMilliseconds);

      await h.skipUntil(before.dueAtEpochMilliseconds, 6 * 60 * 60 * 1000);
      expect((await h.view(handle)).overdue).toBe(false);
      await h.skipUntil(after.dueAtEpochMilliseconds);
      expect((await h.viewWhen(handle, (v) => v.overdue)).overdue).toBe(true);
    });
  });

  it('makes the follow-up visit due after settlement on its own timer', async () => {
    await h.run(async () => {
      const handle = await h.start('TS-2026-000103');
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'lending' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      await h.transition(handle, 'accept', h.mediator, {});
      const settled = await h.transition(handle, 'settle', h.mediator, {
        form: 'written',
        terms: '分两期归还借款',
        amountFen: 2_000_000,
        performance: [{ description: '第一期', amountFen: 1_000_000 }],
      });
      const followUp = settled.deadlines.find((d) => d.kind === 'follow_up')!;
      expect(followUp.explanation.policyKey).toBe('follow_up');
      expect(followUp.status).toBe('open');
      await h.transition(handle, 'close', h.mediator, {});
      await h.skipUntil(followUp.explanation.dueAtEpochMilliseconds);
      const late = await h.viewWhen(
        handle,
        (v) => v.deadlines.find((d) => d.kind === 'follow_up')?.status === 'overdue',
      );
      expect(late.deadlines.find((d) => d.kind === 'follow_up')?.status).toBe('overdue');
      expect(late.stage).toBe('dispose');
      const done = await h.transition(handle, 'recordFollowUp', h.clerk, {
        performed: true,
        satisfaction: 4,
      });
      expect(done.deadlines.find((d) => d.kind === 'follow_up')?.status).toBe('met');
      expect(done.overdue).toBe(false);
    });
  });

  it('refuses illegal transitions in the validator, so nothing enters the history', async () => {
    await h.run(async () => {
      const handle = await h.start('TS-2026-000104');
      const refusal = await h.transition(handle, 'accept', h.mediator, {}).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
      const failure = (refusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure.type).toBe('illegal_transition');
      expect(failure.details?.[0]).toMatchObject({ currentStage: 'intake', allowed: [] });
      const history = await handle.fetchHistory();
      const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
      expect(accepted).toHaveLength(0);
      expect((await h.view(handle)).seq).toBe(1);
    });
  });

  it('continues as new before the history grows large, keeping state, deadlines and sequence', async () => {
    await h.run(async () => {
      const handle = await h.start('TS-2026-000105', { eventsPerRun: 3 });
      const firstRun = (await handle.describe()).runId;
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'complex', category: 'land' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      // Three events in this run: the workflow continues as new once the handlers have finished.
      const later = h.env.client.workflow.getHandle(handle.workflowId);
      const nextRun = await eventually(async () => {
        const { runId } = await later.describe();
        return runId !== firstRun ? runId : undefined;
      }, 30_000);
      expect(nextRun).not.toBe(firstRun);
      const view = await later.query('getCase');
      expect(view).toMatchObject({
        stage: 'divert',
        seq: 3,
        assigneeId: h.mediator.id,
        triageClass: 'complex',
      });
      const accepted = await h.transition(later, 'accept', h.mediator, {});
      expect(accepted.seq).toBe(4);
      const stage = accepted.deadlines.find((d) => d.kind === 'stage')!;
      await h.skipUntil(stage.explanation.dueAtEpochMilliseconds);
      expect((await h.viewWhen(later, (v) => v.overdue)).overdue).toBe(true);
      const events = await h.database
        .sql`select seq from case_events where case_number = 'TS-2026-000105' order by seq`;
      expect(events.map((e) => e.seq).slice(0, 4)).toEqual([1, 2, 3, 4]);
    });
  });
});
