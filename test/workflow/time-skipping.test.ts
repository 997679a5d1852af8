import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { type CaseRegistration, caseWorkflowId, getCaseQuery } from '../../workflows/case.messages.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { createTimeSkippingEnvironment } from '../helpers/time-skipping.js';

describe('the case workflow on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;

  beforeAll(async () => {
    [env, database] = await Promise.all([createTimeSkippingEnvironment(), createTestDatabase()]);
  });
  afterAll(async () => {
    await env?.teardown();
    await database?.drop();
  });

  it('stays open across 30 skipped days and keeps answering queries', async () => {
    const taskQueue = `ts-${randomBytes(4).toString('hex')}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities({ db: database.db }),
    });
    const registration: CaseRegistration = {
      caseNumber: 'TS-2026-000001',
      source: 'hotline',
      summary: '物业费纠纷',
      unitId: null,
      parties: [{ kind: 'person', name: '赵六', role: 'applicant' }],
      registeredBy: { kind: 'system', id: 'test' },
      registeredAt: '2026-03-02T01:00:00.000Z',
    };
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('caseWorkflow', {
        workflowId: caseWorkflowId(registration.caseNumber),
        taskQueue,
        args: [registration],
      });
      const before = await env.currentTimeMs();
      await env.sleep('30 days');
      const skipped = (await env.currentTimeMs()) - before;
      expect(skipped).toBeGreaterThanOrEqual(30 * 24 * 3600 * 1000);

      const view = await handle.query(getCaseQuery);
      expect(view).toMatchObject({ caseNumber: 'TS-2026-000001', stage: 'intake', seq: 1, projectedSeq: 1 });
      expect((await handle.describe()).status.name).toBe('RUNNING');
    });
    const rows = await database.sql`select stage, last_seq from cases where case_number = 'TS-2026-000001'`;
    expect(rows).toEqual([{ stage: 'intake', last_seq: 1 }]);
  });
});
