import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema/index.js';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

interface Row {
  caseNumber: string;
  kind: string;
  kindZh: string;
  dueAt: string;
  lateSeconds: number;
  lateZh: string;
  unit: { id: string; name: string } | null;
  assignee: { id: string; displayName: string } | null;
  source: string;
  stage: string;
  stageZh: string;
  explanation: { summaryZh: string; policyKey: string };
  openSupervisionOrder: unknown;
}
interface Page {
  items: Row[];
  nextCursor: string | null;
}

const day = 86_400_000;
const dispute = (source: string, name: string) => ({
  source,
  summary: `${name}与邻居因排水管堵塞发生纠纷`,
  parties: [
    { kind: 'person', name, role: 'applicant', idNumber: '150702199001011234', phone: '13800001111' },
    { kind: 'person', name: '李强', role: 'respondent' },
  ],
});

/**
 * A city centre with one industry station, and another centre elsewhere. Cases are registered and
 * triaged through the API; their deadlines are then moved in the read model to make them overdue or
 * at risk (the workflow's own timers are tested elsewhere).
 */
describe('supervision: overdue and at-risk lists, counts and scoping over HTTP', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let station: { id: string; name: string };
  let otherCentre: { id: string };
  let clerk: TestUser;
  let mediatorA: TestUser;
  let mediatorB: TestUser;
  let centreSupervisor: TestUser;
  let stationSupervisor: TestUser;
  let otherSupervisor: TestUser;
  let admin: TestUser;
  const no: Record<string, string> = {};

  /**
   * Noon in China, `days` days from today there. Lateness is counted in China calendar days, so a
   * deadline due at noon k days ago is k days late at any hour of the run (one due "now − 3 days 1 hour"
   * was 4 days late in the first hour after midnight in China).
   */
  const chinaNoon = (days: number) => Date.parse(`${addDays(chinaDateOf(Date.now()), days)}T12:00:00+08:00`);

  async function setDeadline(caseNumber: string, kind: string, dueInMs: number, startedAgoMs = 10 * day) {
    await setDeadlineAt(caseNumber, kind, Date.now() + dueInMs, startedAgoMs);
  }

  async function setDeadlineAt(caseNumber: string, kind: string, dueAtMs: number, startedAgoMs = 10 * day) {
    const now = Date.now();
    await system.database.sql`
      update case_deadlines set due_at = ${new Date(dueAtMs).toISOString()}::timestamptz,
                                started_at = ${new Date(now - startedAgoMs).toISOString()}::timestamptz
       where case_number = ${caseNumber} and kind = ${kind}`;
  }

  async function registerAndAssign(
    source: string,
    name: string,
    unitId: string,
    mediator: TestUser | null,
  ): Promise<string> {
    const { caseNumber } = await api.register(clerk.token, { ...dispute(source, name), unitId });
    await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'general',
      category: 'neighbour',
    });
    if (mediator) await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    return caseNumber;
  }

  const get = (user: TestUser, path: string, expected = 200) =>
    api.call('GET', path, user.token, undefined, expected) as Promise<Record<string, unknown>>;
  const list = (user: TestUser, path: string) => get(user, path) as unknown as Promise<Page>;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const centre = await createUnit(db, '扎兰屯市矛盾纠纷多元化解中心');
    const [createdStation] = await db
      .insert(units)
      .values({
        code: `S-${randomBytes(4).toString('hex')}`,
        name: '物业纠纷调解站',
        kind: 'station',
        parentId: centre.id,
      })
      .returning();
    station = createdStation!;
    otherCentre = await createUnit(db, '海拉尔区矛盾纠纷多元化解中心');
    [clerk, mediatorA, mediatorB, centreSupervisor, stationSupervisor, otherSupervisor, admin] =
      await Promise.all([
        createStaff(db, 'clerk', centre.id),
        createStaff(db, 'mediator', station.id),
        createStaff(db, 'mediator', station.id),
        createStaff(db, 'supervisor', centre.id),
        createStaff(db, 'supervisor', station.id),
        createStaff(db, 'supervisor', otherCentre.id),
        createStaff(db, 'admin', null),
      ]);

    no.threeDaysLate = await registerAndAssign('walk_in', '王芳', station.id, mediatorA);
    no.oneDayLate = await registerAndAssign('hotline', '赵敏', station.id, mediatorB);
    no.dueTomorrow = await registerAndAssign('walk_in', '刘洋', station.id, mediatorA);
    no.mostlyUsed = await registerAndAssign('online', '陈静', station.id, mediatorB);
    no.relaxed = await registerAndAssign('walk_in', '孙丽', station.id, mediatorA);
    no.elsewhere = await registerAndAssign('walk_in', '周杰', otherCentre.id, null);

    await setDeadlineAt(no.threeDaysLate, 'stage', chinaNoon(-3));
    await setDeadlineAt(no.oneDayLate, 'stage', chinaNoon(-1));
    await setDeadline(no.dueTomorrow, 'stage', day - 3_600_000, day);
    // 42 of 50 days used: at risk by the share of the period, though due in 8 days.
    await setDeadline(no.mostlyUsed, 'stage', 8 * day, 42 * day);
    await setDeadline(no.relaxed, 'stage', 10 * day, 2 * day);
    await setDeadlineAt(no.elsewhere, 'stage', chinaNoon(-2));
    // An instalment of a settlement, five days late, on the case that is also one day late.
    await system.database.sql`
      insert into case_deadlines (case_number, kind, status, started_at, due_at, unit_id, assignee_id, source, explanation, updated_at)
      select case_number, 'instalment-1', 'overdue', started_at, ${new Date(chinaNoon(-5)).toISOString()}::timestamptz, unit_id,
             assignee_id, source, explanation, now()
        from case_deadlines where case_number = ${no.oneDayLate} and kind = 'stage'`;
  });
  afterAll(() => system?.stop());

  it('lists overdue deadlines for an admin, most overdue first, with case, unit, assignee, how late and why', async () => {
    const page = await list(admin, '/v1/supervision/overdue');
    expect(page.items.map((row) => [row.caseNumber, row.kind])).toEqual([
      [no.oneDayLate, 'instalment-1'],
      [no.threeDaysLate, 'stage'],
      [no.elsewhere, 'stage'],
      [no.oneDayLate, 'stage'],
    ]);
    const [instalment, late] = page.items;
    expect(instalment).toMatchObject({ kindZh: '第1期履行期限', lateZh: '超期5天' });
    expect(late).toMatchObject({
      kindZh: '化解期限',
      lateZh: '超期3天',
      stage: 'divert',
      stageZh: '分流',
      source: 'walk_in',
      unit: { id: station.id, name: '物业纠纷调解站' },
      assignee: { id: mediatorA.id, displayName: mediatorA.username },
      openSupervisionOrder: null,
    });
    // Seconds since it fell due (noon in China three days ago), as the clock counts them.
    expect(Math.abs(late!.lateSeconds - (Date.now() - chinaNoon(-3)) / 1000)).toBeLessThan(600);
    expect(late!.explanation.policyKey).toBe('stage.general');
    expect(late!.explanation.summaryZh).toContain('15日');
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a stable keyset cursor: no row skipped or repeated', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await list(admin, `/v1/supervision/overdue?limit=1${query}`);
      seen.push(...page.items.map((row) => `${row.caseNumber}/${row.kind}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    const whole = await list(admin, '/v1/supervision/overdue?limit=200');
    expect(seen).toEqual(whole.items.map((row) => `${row.caseNumber}/${row.kind}`));
    expect(pages).toBe(4);
    const bad = await get(admin, '/v1/supervision/overdue?cursor=not-a-cursor', 400);
    expect(bad).toMatchObject({ code: 'validation_failed' });
    await get(admin, '/v1/supervision/overdue?limit=201', 400);
  });

  it('scopes supervisors to their unit and the units below it', async () => {
    const keys = (page: Page) => page.items.map((row) => `${row.caseNumber}/${row.kind}`).sort();
    const stationRows = [
      `${no.oneDayLate}/instalment-1`,
      `${no.oneDayLate}/stage`,
      `${no.threeDaysLate}/stage`,
    ].sort();
    expect(keys(await list(stationSupervisor, '/v1/supervision/overdue'))).toEqual(stationRows);
    expect(keys(await list(centreSupervisor, '/v1/supervision/overdue'))).toEqual(stationRows);
    expect(keys(await list(otherSupervisor, '/v1/supervision/overdue'))).toEqual([`${no.elsewhere}/stage`]);
    const refused = await get(otherSupervisor, `/v1/supervision/overdue?unitId=${station.id}`, 403);
    expect(refused.code).toBe('forbidden_unit');
    expect((await get(clerk, '/v1/supervision/overdue', 403)).code).toBe('forbidden');
    await get(mediatorA, '/v1/supervision/at-risk', 403);
    await get(clerk, '/v1/supervision/counts', 403);
    const anonymous = await system.request('GET', '/v1/supervision/overdue');
    expect(anonymous.status).toBe(401);
  });

  it('filters by unit, mediator, kind (or a family of kinds) and source', async () => {
    const cases = async (query: string) =>
      (await list(admin, `/v1/supervision/overdue?${query}`)).items.map(
        (row) => `${row.caseNumber}/${row.kind}`,
      );
    expect(await cases(`unitId=${otherCentre.id}`)).toEqual([`${no.elsewhere}/stage`]);
    expect(await cases(`assigneeId=${mediatorB.id}`)).toEqual([
      `${no.oneDayLate}/instalment-1`,
      `${no.oneDayLate}/stage`,
    ]);
    expect(await cases('kind=instalment')).toEqual([`${no.oneDayLate}/instalment-1`]);
    expect(await cases('kind=instalment-2')).toEqual([]);
    expect(await cases('kind=stage')).toHaveLength(3);
    expect(await cases('source=hotline')).toEqual([
      `${no.oneDayLate}/instalment-1`,
      `${no.oneDayLate}/stage`,
    ]);
    expect(await cases(`source=walk_in&unitId=${station.id}`)).toEqual([`${no.threeDaysLate}/stage`]);
    await get(admin, '/v1/supervision/overdue?kind=DROP%20TABLE', 400);
  });

  it('lists at-risk deadlines soonest first: due within N days or past X of their period', async () => {
    const page = await list(admin, '/v1/supervision/at-risk');
    expect(page.items.map((row) => row.caseNumber)).toEqual([no.dueTomorrow, no.mostlyUsed]);
    expect(page.items[0]!.lateZh).toMatch(/^(今日到期|剩余1天)$/);
    expect(page.items[0]!.lateSeconds).toBeLessThan(0);
    const wider = await list(admin, '/v1/supervision/at-risk?withinDays=20&pastFraction=1');
    expect(wider.items.map((row) => row.caseNumber).sort()).toEqual(
      [no.dueTomorrow, no.mostlyUsed, no.relaxed].sort(),
    );
    const narrow = await list(admin, '/v1/supervision/at-risk?withinDays=0&pastFraction=0.8');
    expect(narrow.items.map((row) => row.caseNumber)).toEqual([no.mostlyUsed]);
    const mine = await list(stationSupervisor, `/v1/supervision/at-risk?assigneeId=${mediatorA.id}`);
    expect(mine.items.map((row) => row.caseNumber)).toEqual([no.dueTomorrow]);
    expect((await list(otherSupervisor, '/v1/supervision/at-risk')).items).toEqual([]);
  });

  it('counts overdue and at-risk deadlines by unit and by mediator', async () => {
    const counts = (await get(centreSupervisor, '/v1/supervision/counts')) as {
      totals: Record<string, number>;
      byUnit: { unitId: string; unitName: string; overdueDeadlines: number; atRiskDeadlines: number }[];
      byAssignee: {
        assigneeId: string;
        overdueDeadlines: number;
        overdueCases: number;
        atRiskDeadlines: number;
      }[];
    };
    expect(counts.totals).toEqual({
      overdueDeadlines: 3,
      overdueCases: 2,
      atRiskDeadlines: 2,
      atRiskCases: 2,
    });
    expect(counts.byUnit).toEqual([
      expect.objectContaining({
        unitId: station.id,
        unitName: '物业纠纷调解站',
        overdueDeadlines: 3,
        atRiskDeadlines: 2,
      }),
    ]);
    const byMediator = Object.fromEntries(counts.byAssignee.map((row) => [row.assigneeId, row]));
    expect(byMediator[mediatorB.id]).toMatchObject({
      overdueDeadlines: 2,
      overdueCases: 1,
      atRiskDeadlines: 1,
    });
    expect(byMediator[mediatorA.id]).toMatchObject({
      overdueDeadlines: 1,
      overdueCases: 1,
      atRiskDeadlines: 1,
    });
    const all = (await get(admin, '/v1/supervision/counts')) as { totals: Record<string, number> };
    expect(all.totals).toMatchObject({ overdueDeadlines: 4, overdueCases: 3 });
  });

  it('publishes each route with its access rule in the OpenAPI document', async () => {
    const document = (await (await system.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-access'?: string[]; description?: string }>>;
    };
    const access = (path: string, method = 'get') => document.paths[path]?.[method]?.['x-access'];
    const staff = ['supervisor', 'admin'];
    expect(access('/v1/supervision/overdue')).toEqual(staff);
    expect(access('/v1/supervision/at-risk')).toEqual(staff);
    expect(access('/v1/supervision/counts')).toEqual(staff);
    expect(access('/v1/supervision/ledger/export')).toEqual(staff);
    expect(access('/v1/supervision/cases/{caseNumber}/orders', 'post')).toEqual(staff);
    expect(access('/v1/supervision/cases/{caseNumber}/explanations', 'post')).toEqual([
      'mediator',
      'supervisor',
      'admin',
    ]);
    expect(access('/v1/statistics')).toEqual(staff);
    expect(access('/v1/statistics/export')).toEqual(staff);
    expect(document.paths['/v1/supervision/overdue']?.get?.description).toContain(
      '/v1/cases/{caseNumber}/assign',
    );
  });
});
