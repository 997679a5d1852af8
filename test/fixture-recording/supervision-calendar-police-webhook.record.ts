import { writeFile } from 'node:fs/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { calendarYears } from '../../db/schema/index.js';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import type { calendarChangeWorkflow } from '../../workflows/calendar-change.workflow.js';
import { explainSupervisionUpdate, issueSupervisionOrderUpdate } from '../../workflows/case.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution } from '../helpers/staff.js';

/**
 * Histories of the paths the first recordings did not cover: supervision orders, a calendar change
 * fanned out to a running case, a police referral's two rounds, and a notice sent to the webhook.
 * Record with `npm run fixtures:record -- test/fixture-recording/supervision-calendar-police-webhook.record.ts`.
 */
let h: CaseWorkflowHarness;
let webhook: Awaited<ReturnType<typeof startReceiver>>;
let withWebhook: CaseWorkflowHarness;
beforeAll(async () => {
  webhook = await startReceiver(() => 204);
  [h, withWebhook] = await Promise.all([
    createCaseWorkflowHarness(),
    createCaseWorkflowHarness({
      deliveries: { webhook: { url: webhook.url, secret: 'fixture-webhook-secret-0123456789abcdef' } },
    }),
  ]);
});
afterAll(async () => {
  await h?.teardown();
  await withWebhook?.teardown();
  await webhook?.close();
});

async function save(harness: CaseWorkflowHarness, name: string, workflowId: string, runId?: string) {
  const history = await harness.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
  const path = new URL(`../fixtures/histories/${name}.json`, import.meta.url);
  await writeFile(path, `${historyToJSON(history)}\n`);
}

async function acceptedCase(
  harness: CaseWorkflowHarness,
  caseNumber: string,
  triageClass: 'general' | 'complex' = 'general',
): Promise<WorkflowHandle> {
  const handle = await harness.start(caseNumber);
  await harness.transition(handle, 'triage', harness.clerk, { triageClass, category: 'neighbour' });
  await harness.transition(handle, 'assign', harness.clerk, { mediatorId: harness.mediator.id });
  await harness.transition(handle, 'accept', harness.mediator, {});
  return handle;
}

it('records a supervision order answered, and a second one left to run overdue', async () => {
  await h.run(async () => {
    const handle = await acceptedCase(h, 'FX-2026-000011');
    const today = chinaDateOf(await h.env.currentTimeMs());
    const supervisor = { ...h.actor(h.supervisor) };
    await handle.executeUpdate(issueSupervisionOrderUpdate, {
      args: [{ note: '请说明进展', explainBy: addDays(today, 3), actor: supervisor }],
    });
    await handle.executeUpdate(explainSupervisionUpdate, {
      args: [{ explanation: '已约定下周调解', actor: h.actor(h.mediator) }],
    });
    const second = await handle.executeUpdate(issueSupervisionOrderUpdate, {
      args: [{ note: '仍未办结，请再说明', explainBy: addDays(today, 2), actor: supervisor }],
    });
    const order = second.deadlines.find((deadline) => deadline.kind === 'supervision')!;
    await h.skipUntil(order.explanation.dueAtEpochMilliseconds);
    const overdue = await h.view(handle);
    expect(overdue.deadlines.find((deadline) => deadline.kind === 'supervision')?.status).toBe('overdue');
    await save(h, 'supervision-order-answered-then-overdue', handle.workflowId);
  });
});

it('records a calendar change fanned out by its own workflow to a case whose deadline waited for it', async () => {
  await h.run(async () => {
    // 30 days and 15 more from late 2026 run into a year the holiday package does not cover.
    const handle = await acceptedCase(h, 'FX-2026-000012', 'complex');
    await h.transition(handle, 'requestExtension', h.mediator, {
      days: 15,
      reason: '等待确权材料',
      partiesConsent: true,
    });
    const extended = await h.transition(handle, 'decideExtension', h.supervisor, { approve: true });
    const before = extended.deadlines.find((deadline) => deadline.kind === 'stage')!.explanation;
    expect(before.calendarUnconfirmed).toBe(true);
    await h.database.db.insert(calendarYears).values(before.unconfirmedYears.map((year) => ({ year })));
    const fanOut = await h.env.client.workflow.start<typeof calendarChangeWorkflow>(
      'calendarChangeWorkflow',
      {
        workflowId: 'calendar-change-fixture',
        taskQueue: h.taskQueue,
        args: [{ years: before.unconfirmedYears, corrected: false }],
      },
    );
    const report = await fanOut.result();
    expect(report).toMatchObject({ candidates: 1, signalled: 1, skipped: 0, failed: [] });
    await h.env.sleep(1000);
    const after = (await h.view(handle)).deadlines.find((deadline) => deadline.kind === 'stage')!;
    expect(after.explanation.calendarUnconfirmed).toBe(false);
    await save(h, 'calendar-fan-out', fanOut.workflowId);
    await save(h, 'calendar-change-recomputed', handle.workflowId);
  });
});

it('records a police referral mediated in two rounds, failed and reported to the station', async () => {
  const station = await createInstitution(h.database.db, 'police', '正阳派出所');
  await h.run(async () => {
    const now = new Date(await h.env.currentTimeMs()).toISOString();
    const handle = await h.start(
      'FX-2026-000013',
      {},
      {
        source: 'police',
        registeredBy: { kind: 'institution', id: station.id, role: 'police' },
        referral: {
          kind: 'police',
          institutionId: station.id,
          institutionName: station.name,
          reference: 'FX-PO-13',
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
    for (const summary of ['第一次调解', '第二次调解']) {
      const heldAt = new Date(await h.env.currentTimeMs()).toISOString();
      await h.transition(handle, 'recordSession', h.mediator, { heldAt, summary });
      await h.env.sleep('1 day');
    }
    await h.transition(handle, 'fail', h.mediator, { reasons: '双方分歧较大', undisputedFacts: '发生推搡' });
    await h.transition(handle, 'close', h.mediator, {});
    await h.transition(handle, 'archive', h.clerk, {});
    await handle.result();
    await save(h, 'police-two-rounds-failed', handle.workflowId);
  });
});

it('records an assignment whose notice also goes to the centre’s webhook', async () => {
  await withWebhook.run(async () => {
    const handle = await withWebhook.start('FX-2026-000014');
    await withWebhook.transition(handle, 'triage', withWebhook.clerk, {
      triageClass: 'simple',
      category: 'consumer',
    });
    const assigned = await withWebhook.transition(handle, 'assign', withWebhook.clerk, {
      mediatorId: withWebhook.mediator.id,
    });
    const delivery = `delivery-notify-FX-2026-000014-${assigned.seq}`;
    await withWebhook.env.client.workflow.getHandle(delivery).result();
    expect(webhook.received).toHaveLength(1);
    await save(withWebhook, 'notification-webhook-assigned', handle.workflowId);
    await save(withWebhook, 'notification-webhook-delivery', delivery);
  });
});
