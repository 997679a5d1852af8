import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediatorRelations, units } from '../../db/schema/index.js';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const dispute = {
  source: 'hotline',
  mediationConsent: { givenBy: ['赵 敏'] },
  summary: '物业公司停车位收费争议',
  parties: [
    {
      kind: 'person',
      name: '赵 敏',
      role: 'applicant',
      idType: 'resident_id',
      idNumber: '11010519491231002x',
    },
    { kind: 'organisation', name: '安居物业管理有限公司', role: 'respondent' },
  ],
};

describe('refusals: every no is clear and changes nothing', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let otherMediator: TestUser;
  let relatedMediator: TestUser;
  let supervisor: TestUser;
  let otherSupervisor: TestUser;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const [unit, otherUnit] = await Promise.all([createUnit(db), createUnit(db, '另一调解站')]);
    [clerk, mediator, otherMediator, relatedMediator, supervisor, otherSupervisor] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'supervisor', unit.id),
      createStaff(db, 'supervisor', otherUnit.id),
    ]);
    // The related mediator declared the applicant as a relative (回避申报), her ID typed in lower case.
    await db.insert(mediatorRelations).values({
      userId: relatedMediator.id,
      name: '赵敏',
      nameNormalised: '赵敏',
      idNumber: '11010519491231002X',
      relation: '表姐',
    });
  });
  afterAll(() => system?.stop());

  async function eventCount(caseNumber: string): Promise<number> {
    const [row] = await system.database
      .sql`select count(*)::int as n from case_events where case_number = ${caseNumber}`;
    return row!.n;
  }

  it('409 with the current stage and what is allowed for a transition illegal in this stage', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute);
    const refusal = await api.transition(supervisor.token, caseNumber, 'accept', {}, 409);
    expect(refusal).toMatchObject({ code: 'illegal_transition', status: 409, currentStage: 'intake' });
    expect(refusal.allowed).toEqual(['triage', 'reject']);
    expect(await eventCount(caseNumber)).toBe(1);
  });

  it('403 when the role may not, when the mediator is not the assignee, and for another unit’s supervisor', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute);
    const byRole = await api.transition(
      mediator.token,
      caseNumber,
      'triage',
      { triageClass: 'simple', category: 'other' },
      403,
    );
    expect(byRole.code).toBe('forbidden');
    await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'simple',
      category: 'property_management',
    });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    const notMine = await api.transition(otherMediator.token, caseNumber, 'accept', {}, 403);
    expect(notMine).toMatchObject({ code: 'not_assignee', currentStage: 'divert' });
    const otherUnit = await api.transition(
      otherSupervisor.token,
      caseNumber,
      'assign',
      { mediatorId: otherMediator.id },
      403,
    );
    expect(otherUnit.code).toBe('forbidden_unit');
    expect(await eventCount(caseNumber)).toBe(3);
    // Reading is scoped the same way: the other mediator and the other unit's supervisor do not see it.
    await api.call('GET', `/v1/cases/${caseNumber}`, otherMediator.token, undefined, 404);
    await api.call('GET', `/v1/cases/${caseNumber}`, otherSupervisor.token, undefined, 404);
  });

  it('422 for a conflict of interest, which a supervisor may override with a recorded reason', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute);
    await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'general',
      category: 'property_management',
    });
    const conflict = await api.transition(
      clerk.token,
      caseNumber,
      'assign',
      { mediatorId: relatedMediator.id },
      422,
    );
    expect(conflict.code).toBe('conflict_of_interest');
    expect(conflict.conflicts).toEqual([{ party: '赵 敏', matchedOn: 'id_number', relation: '表姐' }]);
    const clerkOverride = await api.transition(
      clerk.token,
      caseNumber,
      'assign',
      { mediatorId: relatedMediator.id, conflictOverride: { reason: '当事人书面同意' } },
      403,
    );
    expect(clerkOverride.code).toBe('override_forbidden');
    expect(await eventCount(caseNumber)).toBe(2);
    const overridden = await api.transition(supervisor.token, caseNumber, 'assign', {
      mediatorId: relatedMediator.id,
      conflictOverride: { reason: '双方当事人书面同意由其调解' },
    });
    expect(overridden.assigneeId).toBe(relatedMediator.id);
    const [event] = await system.database
      .sql`select payload from case_events where case_number = ${caseNumber} and type = 'assigned'`;
    expect(event!.payload).toMatchObject({ conflictOverride: { reason: '双方当事人书面同意由其调解' } });
  });

  it('422 for an extension over the cap and for deciding when nothing is pending', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute);
    await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'simple',
      category: 'property_management',
    });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    const overCap = await api.transition(
      mediator.token,
      caseNumber,
      'extension-requests',
      { days: 20, reason: '当事人外出务工', partiesConsent: true },
      422,
    );
    expect(overCap.code).toBe('extension_cap_exceeded');
    const nothingPending = await api.transition(
      supervisor.token,
      caseNumber,
      'extension-decisions',
      { approve: true },
      422,
    );
    expect(nothingPending).toMatchObject({ code: 'no_pending_extension', currentStage: 'resolve' });
  });

  it('400 naming the field for malformed bodies, and 404 for an unknown case', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute);
    const bad = await api.transition(
      clerk.token,
      caseNumber,
      'triage',
      { triageClass: 'urgent', category: 'neighbour' },
      400,
    );
    expect((bad.errors as { field: string }[]).map((e) => e.field)).toEqual(['triageClass']);
    const noConsent = await api.transition(
      clerk.token,
      caseNumber,
      'refer-out',
      { to: '仲裁委', reason: '劳动争议', partiesConsent: false },
      400,
    );
    expect((noConsent.errors as { field: string }[])[0]!.field).toBe('partiesConsent');
    const extra = await api.transition(
      clerk.token,
      caseNumber,
      'reject',
      { reason: '不受理', sneaky: true },
      400,
    );
    expect(extra.code).toBe('validation_failed');
    await api.transition(clerk.token, 'TEST-2026-999999', 'reject', { reason: 'x' }, 404);
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: clerk.id }, 422);
    expect(await eventCount(caseNumber)).toBe(1);
  });

  it('lists cases with filters, masks ID and phone numbers in lists, and pages without repeats', async () => {
    const list = await api.call('GET', '/v1/cases?limit=2&source=hotline', clerk.token, undefined, 200);
    const items = list.items as { caseNumber: string; parties: { idNumber?: string }[] }[];
    expect(items).toHaveLength(2);
    expect(items[0]!.parties[0]!.idNumber).toBe('110105********002X');
    const next = await api.call(
      'GET',
      `/v1/cases?limit=2&source=hotline&cursor=${list.nextCursor}`,
      clerk.token,
      undefined,
      200,
    );
    const nextNumbers = (next.items as { caseNumber: string }[]).map((i) => i.caseNumber);
    expect(nextNumbers.some((n) => items.map((i) => i.caseNumber).includes(n))).toBe(false);
    const search = await api.call(
      'GET',
      `/v1/cases?q=${encodeURIComponent('安居物业')}&stage=intake`,
      clerk.token,
      undefined,
      200,
    );
    expect((search.items as unknown[]).length).toBeGreaterThan(0);
    const mine = await api.call('GET', '/v1/cases', otherMediator.token, undefined, 200);
    expect(mine.items).toEqual([]);
    await api.call('GET', '/v1/cases?overdue=maybe', clerk.token, undefined, 400);
  });

  it('lets a centre supervisor see and act on its stations’ cases, which a station’s own supervisor cannot do for the centre', async () => {
    const db = system.database.db;
    const [centre] = await db.select().from(units).where(eq(units.id, clerk.unitId!));
    const [station] = await db
      .insert(units)
      .values({ code: `ST-${Date.now()}`, name: '婚姻家庭纠纷调解站', kind: 'station', parentId: centre!.id })
      .returning();
    const stationSupervisor = await createStaff(db, 'supervisor', station!.id);
    const stationMediator = await createStaff(db, 'mediator', station!.id);
    const atStation = await api.register(clerk.token, { ...dispute, unitId: station!.id });
    await api.transition(clerk.token, atStation.caseNumber, 'triage', {
      triageClass: 'simple',
      category: 'family',
    });
    await api.call('GET', `/v1/cases/${atStation.caseNumber}`, supervisor.token, undefined, 200);
    const listed = await api.call('GET', `/v1/cases?unitId=${station!.id}`, supervisor.token, undefined, 200);
    expect((listed.items as { caseNumber: string }[]).map((i) => i.caseNumber)).toContain(
      atStation.caseNumber,
    );
    const assigned = await api.transition(supervisor.token, atStation.caseNumber, 'assign', {
      mediatorId: stationMediator.id,
    });
    expect(assigned.assigneeId).toBe(stationMediator.id);

    const atCentre = await api.register(clerk.token, dispute);
    await api.call('GET', `/v1/cases/${atCentre.caseNumber}`, stationSupervisor.token, undefined, 404);
    const refused = await api.transition(
      stationSupervisor.token,
      atCentre.caseNumber,
      'reject',
      { reason: '越权' },
      403,
    );
    expect(refused.code).toBe('forbidden_unit');
  });
});
