import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import { idempotentRequest, updateIdOf } from '../../use-cases/cases/idempotency-keys.js';
import { caseWorkflowId, transitionUpdates } from '../../workflows/case.messages.js';
import { caseApi } from '../helpers/case-api.js';
import { waitUntil } from '../helpers/fault-cases.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const dispute = (summary: string) => ({
  source: 'hotline',
  mediationConsent: { givenBy: ['林涛'] },
  summary,
  parties: [{ kind: 'person', name: '林涛', role: 'applicant' }],
});

/**
 * A clerk whose answer was lost (a dropped connection, a crashed API copy) sends the same request
 * again with the same Idempotency-Key: the first answer comes back and nothing happens twice. The same
 * key with another body is refused naming the header. Assigning the mediator a case already has is a
 * no-op that records nothing.
 */
describe('Idempotency-Key on registration and transitions', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  /** Registrations whose summary starts with this wait before their first projection until released. */
  let holdRegistration: (() => void) | undefined;
  let held: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    system = await startTestSystem({
      wrapActivities: (activities) => ({
        ...activities,
        projectCase: async (input) => {
          if (input.event.type === 'registered' && input.view.summary.startsWith('【待放行】')) await held;
          return activities.projectCase(input);
        },
      }),
    });
    api = caseApi(system);
    const unit = await createUnit(system.database.db);
    [clerk, mediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', unit.id),
      createStaff(system.database.db, 'mediator', unit.id),
    ]);
  });
  afterAll(() => {
    holdRegistration?.();
    return system?.stop();
  });

  const post = (path: string, body: unknown, key: string, signal?: AbortSignal) =>
    fetch(`${system.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${clerk.token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  const countCases = async (summary: string) =>
    (await system.database.sql`select count(*)::int as n from cases where summary = ${summary}`)[0]!
      .n as number;
  const eventTypes = async (caseNumber: string) =>
    (
      await system.database
        .sql`select seq, type from case_events where case_number = ${caseNumber} order by seq`
    ).map((event) => `${event.seq}:${event.type}`);

  it('answers a repeated registration with the first answer and refuses the key for another body', async () => {
    const key = randomUUID();
    const body = dispute('物业费纠纷：业主拒缴物业费');
    const first = await post('/v1/cases', body, key);
    expect(first.status).toBe(201);
    const { caseNumber } = (await first.json()) as { caseNumber: string };
    const again = await post('/v1/cases', body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { caseNumber: string }).caseNumber).toBe(caseNumber);
    expect(await countCases(body.summary)).toBe(1);

    const other = await post('/v1/cases', dispute('另一件纠纷'), key);
    expect(other.status).toBe(422);
    const problem = (await other.json()) as { code: string; errors: { field: string; in: string }[] };
    expect(problem.code).toBe('idempotency_key_reused');
    expect(problem.errors).toMatchObject([{ field: 'Idempotency-Key', in: 'header' }]);
    expect(await countCases('另一件纠纷')).toBe(0);
  });

  it('finishes the case the first request numbered when its answer was lost, instead of opening another', async () => {
    held = new Promise((resolve) => {
      holdRegistration = resolve;
    });
    const key = randomUUID();
    const body = dispute('【待放行】借款纠纷：借款人逾期未还');
    const lost = new AbortController();
    const first = post('/v1/cases', body, key, lost.signal).catch((error: unknown) => error);
    await waitUntil(
      'the first request to number its case',
      async () =>
        (await system.database.sql`select 1 from idempotency_keys where key = ${key} and state is not null`)
          .length === 1,
      15_000,
    );
    lost.abort(); // the clerk's connection drops before the 201
    expect(await first).toBeInstanceOf(Error);

    const retry = post('/v1/cases', body, key);
    holdRegistration!();
    const answered = await retry;
    expect(answered.status).toBe(201);
    const { caseNumber } = (await answered.json()) as { caseNumber: string };
    const [numbered] = await system.database.sql`select state from idempotency_keys where key = ${key}`;
    expect(caseNumber).toBe((numbered!.state as { caseNumber: string }).caseNumber);
    expect(await countCases(body.summary)).toBe(1);
  }, 60_000);

  it('replays a repeated transition and attaches a retry to the Update its lost first request sent', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute('装修质量纠纷'));
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'contract' });

    const key = randomUUID();
    const assigned = await post(`/v1/cases/${caseNumber}/assign`, { mediatorId: mediator.id }, key);
    expect(assigned.status).toBe(200);
    const again = await post(`/v1/cases/${caseNumber}/assign`, { mediatorId: mediator.id }, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await assigned.json());
    const refused = await post(
      `/v1/cases/${caseNumber}/triage`,
      { triageClass: 'general', category: 'contract' },
      key,
    );
    expect(refused.status).toBe(422);

    // A first request reached the workflow and died before it was answered; its retry carries the same key.
    await api.transition(mediator.token, caseNumber, 'accept');
    const sessionKey = randomUUID();
    const session = { heldAt: new Date().toISOString(), summary: '第一次调解，双方陈述意见' };
    const principal = {
      kind: 'staff' as const,
      userId: mediator.id,
      role: 'mediator' as const,
      unitId: mediator.unitId,
    };
    const keyed = idempotentRequest(principal, sessionKey, `recordSession:${caseNumber}`, session)!;
    await system.temporal.workflow
      .getHandle(caseWorkflowId(caseNumber))
      .executeUpdate(transitionUpdates.recordSession, {
        args: [
          {
            ...session,
            actor: { kind: 'staff', id: mediator.id, role: 'mediator', unitId: mediator.unitId },
          },
        ],
        updateId: updateIdOf(keyed),
      });
    const retried = await fetch(`${system.baseUrl}/v1/cases/${caseNumber}/sessions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${mediator.token}`,
        'content-type': 'application/json',
        'idempotency-key': sessionKey,
      },
      body: JSON.stringify(session),
    });
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as { sessions: number }).sessions).toBe(1);
    expect(await eventTypes(caseNumber)).toEqual([
      '1:registered',
      '2:triaged',
      '3:assigned',
      '4:accepted',
      '5:session_recorded',
    ]);
  }, 60_000);

  it('records nothing and notifies nobody when the current assignee is assigned again', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute('相邻通行纠纷'));
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'neighbour' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    const same = await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    expect(same).toMatchObject({ assigneeId: mediator.id, seq: 3 });
    expect(await eventTypes(caseNumber)).toEqual(['1:registered', '2:triaged', '3:assigned']);
    const notices = await system.database
      .sql`select count(*)::int as n from notifications where case_number = ${caseNumber} and kind = 'assigned'`;
    expect(notices[0]!.n).toBe(1);
  });

  it('replays a court docking action re-sent with its key: the materials are signed for once', async () => {
    const court = await createInstitution(system.database.db, 'court', '海拉尔区人民法院');
    const referred = await api.call(
      'POST',
      '/v1/court/referrals',
      court.apiKey,
      {
        type: 'delegated',
        reference: `(2026)内0702民诉前调${Date.now() % 10_000}号`,
        referralDate: chinaDateOf(Date.now()),
        parties: [
          { kind: 'person', name: '郑伟', role: 'applicant' },
          { kind: 'person', name: '吴军', role: 'respondent' },
        ],
        claimsSummary: '民间借贷纠纷：请求返还借款两万元',
        claimAmountFen: 2_000_000,
        materials: ['起诉状'],
        contact: { name: '王法官' },
      },
      201,
    );
    const caseNumber = referred.caseNumber as string;
    const key = randomUUID();
    const first = await post(`/v1/cases/${caseNumber}/court/sign-materials`, {}, key);
    expect(first.status).toBe(200);
    const again = await post(`/v1/cases/${caseNumber}/court/sign-materials`, {}, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const signed = await system.database
      .sql`select count(*)::int as n from case_events where case_number = ${caseNumber} and type = 'materials_signed'`;
    expect(signed[0]!.n).toBe(1);
  });
});
