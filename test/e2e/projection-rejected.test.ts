import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalFromUpdateFailure } from '../../use-cases/cases/update-failure.js';
import { caseWorkflowId, getCaseQuery, transitionUpdates } from '../../workflows/case.messages.js';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/** Fails the test instead of hanging it when the promise never settles (the jam this file is about). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The API checks every reference before it sends a transition, but the workflow is the last line: an
 * Update whose event the read model refuses for good (here an assignment to a unit that does not
 * exist, sent to the workflow directly as an older API copy or a bypassing caller would) must not jam
 * the case behind a projection retried for ever. It fails cleanly, the case is as it was, the
 * operators are alerted, and the next transition goes through.
 */
describe('a change the read model refuses for good', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    system = await startTestSystem();
    const unit = await createUnit(system.database.db);
    [clerk, mediator, admin] = await Promise.all([
      createStaff(system.database.db, 'clerk', unit.id),
      createStaff(system.database.db, 'mediator', unit.id),
      createStaff(system.database.db, 'admin', null),
    ]);
  });
  afterAll(() => system?.stop());

  it('fails the Update, rolls the case back, alerts the operators, and leaves the case workable', async () => {
    const api = caseApi(system);
    const { caseNumber } = await api.register(clerk.token, {
      source: 'walk_in',
      summary: '装修工程款纠纷',
      parties: [{ kind: 'person', name: '马军', role: 'applicant' }],
    });
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'contract' });
    const handle = system.temporal.workflow.getHandle(caseWorkflowId(caseNumber));

    const failure = await within(
      handle
        .executeUpdate(transitionUpdates.assign, {
          args: [
            {
              mediatorId: mediator.id,
              unitId: randomUUID(),
              actor: { kind: 'staff', id: clerk.id, role: 'clerk', unitId: clerk.unitId },
            },
          ],
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        ),
      45_000,
      'the assignment to a unit that does not exist',
    );
    expect(refusalFromUpdateFailure(failure)).toMatchObject({ code: 'change_not_recorded', status: 422 });

    const after = await handle.query(getCaseQuery);
    expect(after).toMatchObject({ stage: 'divert', assigneeId: null, seq: 2, projectedSeq: 2 });
    await api.expectReadModelMatchesWorkflow(clerk.token, caseNumber);

    const alerts = await system.database
      .sql`select kind, case_number, detail from operator_alerts where case_number = ${caseNumber}`;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'projection_rejected', case_number: caseNumber });
    expect(alerts[0]!.detail).toContain('23503');
    const notices = await api.call('GET', '/v1/inbox', admin.token, undefined, 200);
    expect(JSON.stringify(notices)).toContain(caseNumber);

    const assigned = await within(
      api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id }),
      30_000,
      'the next assignment',
    );
    expect(assigned).toMatchObject({ stage: 'divert', assigneeId: mediator.id, seq: 3 });
    const events = await system.database
      .sql`select seq, type from case_events where case_number = ${caseNumber} order by seq`;
    expect(events.map((event) => `${event.seq}:${event.type}`)).toEqual([
      '1:registered',
      '2:triaged',
      '3:assigned',
    ]);
  }, 120_000);
});
