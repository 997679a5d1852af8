import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

describe('a projection activity that crashes after its commit is retried and writes nothing twice', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  const crashed = new Set<string>();

  beforeAll(async () => {
    system = await startTestSystem({
      wrapActivities: (activities) => ({
        ...activities,
        // The transaction commits, then the worker "dies" before reporting: Temporal retries the activity.
        projectCase: async (input) => {
          await activities.projectCase(input);
          const key = `${input.view.caseNumber}:${input.event.seq}`;
          if (!crashed.has(key)) {
            crashed.add(key);
            throw new Error(`simulated crash after committing ${key}`);
          }
        },
        notify: async (input) => {
          const written = await activities.notify(input);
          if (!crashed.has(input.key)) {
            crashed.add(input.key);
            throw new Error(`simulated crash after notifying ${input.key}`);
          }
          return written;
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

  it('keeps exactly one event per transition, one inbox notice, and a read model equal to the workflow', async () => {
    const api = caseApi(system);
    const { caseNumber } = await api.register(clerk.token, {
      source: 'online',
      summary: '网购商品质量纠纷',
      parties: [{ kind: 'person', name: '周杰', role: 'applicant' }],
    });
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'consumer' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });

    expect([...crashed].filter((key) => key.startsWith(`${caseNumber}:`)).length).toBeGreaterThanOrEqual(3);
    const events = await system.database
      .sql`select seq, type from case_events where case_number = ${caseNumber} order by seq`;
    expect(events.map((e) => `${e.seq}:${e.type}`)).toEqual(['1:registered', '2:triaged', '3:assigned']);
    const parties = await system.database
      .sql`select count(*)::int as n from parties where case_number = ${caseNumber}`;
    expect(parties[0]!.n).toBe(1);
    const notices = await system.database
      .sql`select count(*)::int as n from notifications where case_number = ${caseNumber}`;
    expect(notices[0]!.n).toBe(1);
    await api.expectReadModelMatchesWorkflow(clerk.token, caseNumber);
  });
});
