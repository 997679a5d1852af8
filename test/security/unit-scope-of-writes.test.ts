import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

async function createStation(db: Database, parentId: string, name: string) {
  const [station] = await db
    .insert(units)
    .values({ code: `S-${randomBytes(4).toString('hex')}`, name, kind: 'station', parentId })
    .returning();
  return station!;
}

const dispute = (unitId?: string) => ({
  source: 'walk_in',
  summary: '劳务费拖欠纠纷',
  parties: [{ kind: 'person', name: '高峰', role: 'applicant' }],
  ...(unitId ? { unitId } : {}),
});

/**
 * The units a case is put into are checked against the caller's reach before anything is numbered or
 * sent to the workflow: a station's supervisor cannot register a case into a sibling station, nor
 * move one there, where they could no longer read it; a unit that does not exist is refused too.
 */
describe('registering and assigning into a unit the caller does not supervise', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let stationA: { id: string };
  let stationB: { id: string };
  let clerk: TestUser;
  let mediator: TestUser;
  let supervisorA: TestUser;
  let centreSupervisor: TestUser;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const centre = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    stationA = await createStation(db, centre.id, '劳动争议调解站');
    stationB = await createStation(db, centre.id, '物业纠纷调解站');
    [clerk, mediator, supervisorA, centreSupervisor] = await Promise.all([
      createStaff(db, 'clerk', centre.id),
      createStaff(db, 'mediator', stationA.id),
      createStaff(db, 'supervisor', stationA.id),
      createStaff(db, 'supervisor', centre.id),
    ]);
  });
  afterAll(() => system?.stop());

  const countCases = async () =>
    (await system.database.sql`select count(*)::int as n from cases`)[0]!.n as number;
  const fields = (problem: Record<string, unknown>) =>
    (problem.errors as { field: string }[] | undefined)?.map((error) => error.field);

  it('refuses a station supervisor registering into a sibling station, naming unitId, and numbers nothing', async () => {
    const before = await countCases();
    const refused = await api.call('POST', '/v1/cases', supervisorA.token, dispute(stationB.id), 403);
    expect(refused).toMatchObject({ code: 'forbidden_unit' });
    expect(fields(refused)).toEqual(['unitId']);
    expect(await countCases()).toBe(before);

    const own = await api.register(supervisorA.token, dispute(stationA.id));
    expect(own.unitId).toBe(stationA.id);
    const byCentre = await api.register(centreSupervisor.token, dispute(stationB.id));
    expect(byCentre.unitId).toBe(stationB.id);
  });

  it('refuses a station supervisor moving a case into a sibling station; the centre supervisor may', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute(stationA.id));
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'labour' });
    const refused = await api.transition(
      supervisorA.token,
      caseNumber,
      'assign',
      { mediatorId: mediator.id, unitId: stationB.id },
      403,
    );
    expect(refused).toMatchObject({ code: 'forbidden_unit' });
    expect(fields(refused)).toEqual(['unitId']);
    const unchanged = await api.read(supervisorA.token, caseNumber);
    expect(unchanged).toMatchObject({ stage: 'divert', unitId: stationA.id, assigneeId: null });

    const moved = await api.transition(centreSupervisor.token, caseNumber, 'assign', {
      mediatorId: mediator.id,
      unitId: stationB.id,
    });
    expect(moved).toMatchObject({ unitId: stationB.id, assigneeId: mediator.id });
  });

  it('refuses an assignment to a unit that does not exist, naming unitId, and the case goes on', async () => {
    const { caseNumber } = await api.register(clerk.token, dispute(stationA.id));
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'labour' });
    const refused = await api.transition(
      clerk.token,
      caseNumber,
      'assign',
      { mediatorId: mediator.id, unitId: randomUUID() },
      422,
    );
    expect(refused).toMatchObject({ code: 'unknown_unit' });
    expect(fields(refused)).toEqual(['unitId']);
    const assigned = await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    expect(assigned).toMatchObject({ stage: 'divert', assigneeId: mediator.id, unitId: stationA.id });
    await api.expectReadModelMatchesWorkflow(clerk.token, caseNumber);
  }, 60_000);
});
