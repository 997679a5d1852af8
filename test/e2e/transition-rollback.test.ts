import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * A settlement is applied in the workflow's memory before its follow-up deadline is planned; when that
 * look-up gives up (PostgreSQL unreachable for longer than its few tries), the person is told to try
 * again, so the case must be exactly as it was: no outcome, no skipped event number.
 */
describe('a transition whose planning gives up halfway is rolled back', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  let followUpFailuresLeft = 0;

  beforeAll(async () => {
    system = await startTestSystem({
      wrapActivities: (activities) => ({
        ...activities,
        planDeadline: async (input) => {
          if (input.policyKey === 'follow_up' && followUpFailuresLeft > 0) {
            followUpFailuresLeft -= 1;
            throw new Error('simulated: the database does not answer');
          }
          return activities.planDeadline(input);
        },
      }),
    });
    const unit = await createUnit(system.database.db);
    [clerk, mediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', unit.id),
      createStaff(system.database.db, 'mediator', unit.id),
    ]);
  });
  afterAll(() => system?.stop());

  it('answers 503, leaves the case in resolve, and the retried settlement takes the next event number', async () => {
    const api = caseApi(system);
    const { caseNumber } = await api.register(clerk.token, {
      source: 'walk_in',
      mediationConsent: { givenBy: ['孙丽'] },
      summary: '租赁押金退还纠纷',
      parties: [{ kind: 'person', name: '孙丽', role: 'applicant' }],
    });
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'contract' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    const settlement = {
      form: 'oral',
      terms: '房东当场退还押金人民币2,000元',
      amountFen: 200_000,
      performance: [{ description: '当场退还押金', amountFen: 200_000 }],
    };

    followUpFailuresLeft = 5; // every one of the bounded tries
    const refused = await system.request('POST', `/v1/cases/${caseNumber}/settle`, {
      credential: mediator.token,
      body: settlement,
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(followUpFailuresLeft).toBe(0);
    const unchanged = await api.read(mediator.token, caseNumber);
    expect(unchanged).toMatchObject({ stage: 'resolve', outcome: null });
    expect(unchanged.allowedTransitions).toContain('settle');

    const settled = await api.transition(mediator.token, caseNumber, 'settle', settlement);
    expect(settled).toMatchObject({ stage: 'link', disposition: 'settled_oral' });
    const events = await system.database
      .sql`select seq, type from case_events where case_number = ${caseNumber} order by seq`;
    expect(events.map((event) => `${event.seq}:${event.type}`)).toEqual([
      '1:registered',
      '2:triaged',
      '3:assigned',
      '4:accepted',
      '5:settled',
    ]);
    await api.expectReadModelMatchesWorkflow(mediator.token, caseNumber);
  }, 90_000);
});
