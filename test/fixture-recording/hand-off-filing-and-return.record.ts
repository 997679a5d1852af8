import { writeFile } from 'node:fs/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import type { Actor } from '../../workflows/case.messages.js';
import {
  acknowledgeHandOffUpdate,
  handOffUpdate,
  recordHandOffResultUpdate,
} from '../../workflows/hand-off.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { createInstitution } from '../helpers/staff.js';

/**
 * Histories of a failed case filed at court (closed as 转立案) and of a hand-off that sends the case
 * back to mediation (退回调解). Record with
 * `npm run fixtures:record -- test/fixture-recording/hand-off-filing-and-return.record.ts`.
 */
let h: CaseWorkflowHarness;
beforeAll(async () => {
  h = await createCaseWorkflowHarness();
});
afterAll(() => h?.teardown());

async function save(name: string, workflowId: string) {
  const history = await h.env.client.workflow.getHandle(workflowId).fetchHistory();
  await writeFile(
    new URL(`../fixtures/histories/${name}.json`, import.meta.url),
    `${historyToJSON(history)}\n`,
  );
}

async function acceptedCase(caseNumber: string, category: string): Promise<WorkflowHandle> {
  const handle = await h.start(caseNumber);
  await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: category as 'contract' });
  await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
  await h.transition(handle, 'accept', h.mediator, {});
  return handle;
}

const body = (institution: { id: string }, kind: Actor['role']): Actor => ({
  kind: 'institution',
  id: institution.id,
  role: kind,
});

it('records a failed case sent to the court for filing and closed as 转立案 with the filing number', async () => {
  const court = await createInstitution(h.database.db, 'court', '海拉尔区人民法院');
  await h.run(async () => {
    const handle = await acceptedCase('FX-2026-000031', 'contract');
    await h.transition(handle, 'fail', h.mediator, {
      reasons: '双方对货款数额分歧过大',
      undisputedFacts: '双方签订买卖合同，被告已收货',
    });
    await handle.executeUpdate(handOffUpdate, {
      args: [
        {
          kind: 'filing',
          institution: { id: court.id, name: court.name, kind: 'court' },
          note: '原告申请立案',
          jurisdictionBasis: '合同履行地',
          partiesConsent: true,
          actor: h.actor(h.mediator),
        },
      ],
    });
    const courtActor = body(court, 'court');
    await handle.executeUpdate(acknowledgeHandOffUpdate, {
      args: [{ n: 1, accepted: true, actor: courtActor }],
    });
    const closed = await handle.executeUpdate(recordHandOffResultUpdate, {
      args: [
        {
          n: 1,
          result: 'filed',
          date: chinaDateOf(await h.env.currentTimeMs()),
          documentNumber: '(2026)内0702民初3456号',
          summary: '已登记立案',
          actor: courtActor,
        },
      ],
    });
    expect(closed).toMatchObject({ stage: 'dispose', disposition: 'transferred_for_filing' });
    await save('hand-off-filing-closed-transferred-for-filing', handle.workflowId);
  });
});
