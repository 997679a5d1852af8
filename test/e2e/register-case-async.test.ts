import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const dispute = {
  source: 'hotline',
  summary: '物业费纠纷，业主认为服务不达标拒绝缴费',
  parties: [{ kind: 'person', name: '赵敏', role: 'applicant', phone: '13900002222' }],
};

describe('registration with Prefer: respond-async (bulk intake channels)', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  /** Projections wait here until a test opens the gate: the read model lags as far as the test wants. */
  let openGate: () => void = () => {};
  let gate = Promise.resolve();

  beforeAll(async () => {
    system = await startTestSystem({
      wrapActivities: (activities) => ({
        ...activities,
        projectCase: async (input) => {
          await gate;
          return activities.projectCase(input);
        },
      }),
    });
    const unit = await createUnit(system.database.db);
    [clerk, mediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', unit.id),
      createStaff(system.database.db, 'mediator', unit.id),
    ]);
  });
  afterAll(() => {
    openGate();
    return system?.stop();
  });

  it('answers 202 with the case number at once; the case reads from its workflow until the read model has it', async () => {
    gate = new Promise((resolve) => {
      openGate = resolve;
    });
    const accepted = await system.request('POST', '/v1/cases', {
      credential: clerk.token,
      body: dispute,
      headers: { prefer: 'wait=5, respond-async' },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('preference-applied')).toBe('respond-async');
    const body = (await accepted.json()) as { caseNumber: string; stage: string };
    expect(body.stage).toBe('registered');
    expect(accepted.headers.get('location')).toBe(`/v1/cases/${body.caseNumber}`);

    const read = await system.request('GET', `/v1/cases/${body.caseNumber}`, { credential: clerk.token });
    expect(read.status).toBe(200);
    const view = (await read.json()) as { caseNumber: string; stage: string; summary: string };
    expect(view).toMatchObject({ caseNumber: body.caseNumber, stage: 'intake', summary: dispute.summary });
    const rows = await system.database.sql`select 1 from cases where case_number = ${body.caseNumber}`;
    expect(rows).toHaveLength(0); // it came from the workflow: the projection is still held

    // A mediator not assigned to it is refused exactly as for a projected case.
    const foreign = await system.request('GET', `/v1/cases/${body.caseNumber}`, {
      credential: mediator.token,
    });
    expect(foreign.status).toBe(404);

    openGate();
    const triaged = await system.request('POST', `/v1/cases/${body.caseNumber}/triage`, {
      credential: clerk.token,
      body: { triageClass: 'general', category: 'property_management' },
    });
    expect(triaged.status).toBe(200);
    const events = await system.database
      .sql`select seq, type from case_events where case_number = ${body.caseNumber} order by seq`;
    expect(events.map((event) => event.type)).toEqual(['registered', 'triaged']);
  });

  it('still answers 201 with the whole case without the preference, and 404 for a case that does not exist', async () => {
    const registered = await system.request('POST', '/v1/cases', { credential: clerk.token, body: dispute });
    expect(registered.status).toBe(201);
    expect(registered.headers.get('preference-applied')).toBeNull();
    const missing = await system.request('GET', `/v1/cases/${system.caseNumberPrefix}-2026-999999`, {
      credential: clerk.token,
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});
