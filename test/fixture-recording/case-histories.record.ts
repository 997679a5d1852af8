import { writeFile } from 'node:fs/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mediatorRelations } from '../../db/schema/index.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';

let h: CaseWorkflowHarness;
beforeAll(async () => {
  h = await createCaseWorkflowHarness();
});
afterAll(() => h?.teardown());

async function save(name: string, handle: WorkflowHandle, runId?: string) {
  const history = await h.env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
  const path = new URL(`../fixtures/histories/${name}.json`, import.meta.url);
  await writeFile(path, `${historyToJSON(history)}\n`);
}

it('records a settled case carried through to the archive (sessions, extension, follow-up)', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000001');
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'neighbour' });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await h.transition(handle, 'accept', h.mediator, {});
    await h.transition(handle, 'recordSession', h.mediator, {
      heldAt: '2026-11-27T02:00:00Z',
      summary: '首次调解',
    });
    await h.transition(handle, 'requestExtension', h.mediator, {
      days: 5,
      reason: '等待报价',
      partiesConsent: true,
    });
    await h.transition(handle, 'decideExtension', h.supervisor, { approve: true });
    const settled = await h.transition(handle, 'settle', h.mediator, {
      form: 'written',
      terms: '赔偿修复费用8600元',
      amountFen: 860_000,
      performance: [{ description: '一次性支付', amountFen: 860_000 }],
    });
    await h.transition(handle, 'close', h.mediator, {});
    const followUp = settled.deadlines.find((d) => d.kind === 'follow_up')!;
    await h.skipUntil(followUp.explanation.reminders[0]!.atEpochMilliseconds);
    await h.transition(handle, 'recordFollowUp', h.clerk, { performed: true, satisfaction: 5 });
    await h.transition(handle, 'archive', h.clerk, {});
    await handle.result();
    await save('settled-and-archived', handle);
  });
});

it('records an overdue case that failed, with reminders and a refused conflicting assignment', async () => {
  await h.database.db.insert(mediatorRelations).values({
    userId: h.mediator.id,
    name: '刘洋',
    nameNormalised: '刘洋',
    relation: '同学',
  });
  await h.run(async () => {
    const handle = await h.start('FX-2026-000002');
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'labour' });
    const refused = await h
      .transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    await h.transition(handle, 'assign', h.supervisor, {
      mediatorId: h.mediator.id,
      conflictOverride: { reason: '当事人同意' },
    });
    const accepted = await h.transition(handle, 'accept', h.mediator, {});
    await h.skipUntil(accepted.deadlines[0]!.explanation.dueAtEpochMilliseconds);
    await h.transition(handle, 'fail', h.mediator, { reasons: '分歧过大', undisputedFacts: '劳动关系存续' });
    await h.transition(handle, 'close', h.mediator, {});
    await h.transition(handle, 'archive', h.clerk, {});
    await handle.result();
    await save('overdue-failed-archived', handle);
  });
  await h.database.db.delete(mediatorRelations);
});

it('records a case rejected at intake', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000003');
    await h.transition(handle, 'reject', h.clerk, { reason: '不属于受理范围' });
    await h.transition(handle, 'close', h.clerk, {});
    await h.transition(handle, 'archive', h.clerk, {});
    await handle.result();
    await save('rejected-at-intake', handle);
  });
});

it('records a run that continued as new', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000004', { eventsPerRun: 3 });
    const firstRunId = (await handle.describe()).runId;
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'complex', category: 'land' });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await h.env.sleep(1000);
    expect((await h.env.client.workflow.getHandle(handle.workflowId).describe()).runId).not.toBe(firstRunId);
    await save('continued-as-new', handle, firstRunId);
  });
});
