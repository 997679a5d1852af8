import { writeFile } from 'node:fs/promises';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { sessionReminderWorkflow } from '../../workflows/session-reminder.workflow.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';

/**
 * The day-before reminder of a booked session, started with a start delay as booking starts it; the
 * booking is gone by then (cancelled), so it queues nothing.
 * Record with `npm run fixtures:record -- test/fixture-recording/session-reminder.record.ts`.
 */
let h: CaseWorkflowHarness;
beforeAll(async () => {
  h = await createCaseWorkflowHarness();
});
afterAll(async () => {
  await h?.teardown();
});

it('records a session reminder whose booking was cancelled', async () => {
  await h.run(async () => {
    const handle = await h.env.client.workflow.start<typeof sessionReminderWorkflow>(
      'sessionReminderWorkflow',
      {
        workflowId: 'session-reminder-fixture',
        taskQueue: h.taskQueue,
        args: [
          {
            slotId: '00000000-0000-4000-8000-000000000001',
            caseNumber: 'FX-2026-000031',
            bookedAt: new Date(await h.env.currentTimeMs()).toISOString(),
          },
        ],
        startDelay: '1 hour',
      },
    );
    expect(await handle.result()).toBe(0);
    const history = await handle.fetchHistory();
    const path = new URL('../fixtures/histories/session-reminder-booking-cancelled.json', import.meta.url);
    await writeFile(path, `${historyToJSON(history)}\n`);
  });
});
