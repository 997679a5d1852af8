import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const dispute = {
  source: 'walk_in',
  summary: '小区业主与物业公司就停车位收费发生争议',
  parties: [
    { kind: 'person', name: '王芳', role: 'applicant' },
    { kind: 'organisation', name: '安居物业管理有限公司', role: 'respondent' },
  ],
};

interface OrderResult {
  order: { seq: number; note: string; explainBy: string; assigneeId: string; explanation: string | null };
  case: { caseNumber: string; deadlines: { kind: string; status: string }[] };
}

describe('supervision orders (督办) over HTTP: issued from the overdue list, answered by the assignee', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let otherMediator: TestUser;
  let supervisor: TestUser;
  let otherSupervisor: TestUser;
  let admin: TestUser;
  const explainBy = () => addDays(chinaDateOf(Date.now()), 3);

  async function assignedCase(): Promise<string> {
    const { caseNumber } = await api.register(clerk.token, dispute);
    await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'simple',
      category: 'property_management',
    });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    return caseNumber;
  }
  const order = (user: TestUser, caseNumber: string, body: unknown, expected: number) =>
    api.call('POST', `/v1/supervision/cases/${caseNumber}/orders`, user.token, body, expected);
  const explain = (user: TestUser, caseNumber: string, body: unknown, expected: number) =>
    api.call('POST', `/v1/supervision/cases/${caseNumber}/explanations`, user.token, body, expected);

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const [unit, otherUnit] = await Promise.all([createUnit(db), createUnit(db, '另一调解中心')]);
    [clerk, mediator, otherMediator, supervisor, otherSupervisor, admin] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'supervisor', unit.id),
      createStaff(db, 'supervisor', otherUnit.id),
      createStaff(db, 'admin', null),
    ]);
  });
  afterAll(() => system?.stop());

  it('issues an order on an overdue case; the case, the list and the assignee’s inbox show it; the assignee answers', async () => {
    const no = await assignedCase();
    await system.database.sql`
      update case_deadlines set due_at = now() - interval '2 days' where case_number = ${no} and kind = 'stage'`;
    const [late] = (
      (await api.call('GET', '/v1/supervision/overdue', supervisor.token, undefined, 200)) as {
        items: { caseNumber: string; openSupervisionOrder: unknown }[];
      }
    ).items;
    expect(late).toMatchObject({ caseNumber: no, openSupervisionOrder: null });

    const note = '案件已超期，请说明原因及下一步安排';
    const issued = (await order(
      supervisor,
      no,
      { note, explainBy: explainBy() },
      201,
    )) as unknown as OrderResult;
    expect(issued.order).toMatchObject({
      note,
      explainBy: explainBy(),
      assigneeId: mediator.id,
      explanation: null,
    });
    expect(issued.case.deadlines.find((d) => d.kind === 'supervision')?.status).toBe('open');

    const read = (await api.read(supervisor.token, no)) as unknown as {
      supervisionOrders: { note: string; issuedBy: string }[];
    };
    expect(read.supervisionOrders).toEqual([expect.objectContaining({ note, issuedBy: supervisor.id })]);
    const [row] = await system.database
      .sql`select note, assignee_id, explained_at from supervision_orders where case_number = ${no}`;
    expect(row).toEqual({ note, assignee_id: mediator.id, explained_at: null });
    const inbox = (await api.call('GET', '/v1/inbox', mediator.token, undefined, 200)).items as {
      kind: string;
    }[];
    expect(inbox.map((n) => n.kind)).toContain('supervision_issued');

    // The order is a deadline of its own: the at-risk list will show it as its date comes near.
    const atRisk = (await api.call(
      'GET',
      // A 3-day explain-by date that falls on a weekend rolls over to the next working day (art 85).
      '/v1/supervision/at-risk?withinDays=10&kind=supervision',
      supervisor.token,
      undefined,
      200,
    )) as {
      items: { caseNumber: string; kindZh: string; openSupervisionOrder: { seq: number } | null }[];
    };
    expect(atRisk.items).toEqual([
      expect.objectContaining({
        caseNumber: no,
        kindZh: '督办期限',
        openSupervisionOrder: expect.objectContaining({ seq: issued.order.seq }),
      }),
    ]);

    const again = await order(supervisor, no, { note, explainBy: explainBy() }, 422);
    expect(again.code).toBe('supervision_pending');

    expect((await explain(otherMediator, no, { explanation: '代为说明' }, 403)).code).toBe('not_addressee');
    const answer = '当事人外出务工，已约定下周二到中心调解';
    const answered = (await explain(mediator, no, { explanation: answer }, 200)) as unknown as OrderResult;
    expect(answered.order).toMatchObject({ seq: issued.order.seq, explanation: answer });
    expect(answered.case.deadlines.find((d) => d.kind === 'supervision')?.status).toBe('met');
    expect((await explain(mediator, no, { explanation: answer }, 422)).code).toBe('no_open_supervision');
  });

  it('refuses with the workflow’s reasons: no assignee, a date not in the future or too far, another unit, the wrong role', async () => {
    const { caseNumber: unassigned } = await api.register(clerk.token, dispute);
    const body = { note: '请说明进展', explainBy: explainBy() };
    expect((await order(supervisor, unassigned, body, 422)).code).toBe('no_assignee');

    const no = await assignedCase();
    const today = chinaDateOf(Date.now());
    expect((await order(admin, no, { note: '请说明进展', explainBy: today }, 422)).code).toBe(
      'explain_by_not_in_future',
    );
    const farAway = await order(admin, no, { note: '请说明进展', explainBy: '3283-04-27' }, 422);
    expect(farAway).toMatchObject({ code: 'explain_by_too_far', errors: [{ field: 'explainBy' }] });
    expect((await order(otherSupervisor, no, body, 403)).code).toBe('forbidden_unit');
    expect((await order(clerk, no, body, 403)).code).toBe('forbidden');
    expect((await order(mediator, no, body, 403)).code).toBe('forbidden');
    expect((await order(supervisor, no, { note: '', explainBy: 'tomorrow' }, 400)).code).toBe(
      'validation_failed',
    );
    expect((await order(supervisor, 'HLBE-2026-999999', body, 404)).code).toBe('not_found');
    await order(admin, no, body, 201);
  });

  it('refuses an archived case with 409', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute);
    await api.transition(clerk.token, caseNumber, 'reject', { reason: '不属于受理范围' });
    await api.transition(clerk.token, caseNumber, 'close', {});
    await api.transition(clerk.token, caseNumber, 'archive', {});
    const refused = await order(supervisor, caseNumber, { note: '请说明', explainBy: explainBy() }, 409);
    expect(refused).toMatchObject({ code: 'illegal_transition', currentStage: 'archived' });
    expect((await explain(mediator, caseNumber, { explanation: '说明' }, 409)).code).toBe(
      'illegal_transition',
    );
  });
});
