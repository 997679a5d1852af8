import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema/index.js';
import { chinaDateOf } from '../../domain/dates.js';
import { sessionCookie } from '../../pages/shared/session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/** A grid worker walking the village finds two neighbours quarrelling over a drainage ditch. */
const ditchQuarrel = {
  place: '幸福村三组王家门前',
  people: [{ name: '王建国', phone: '13904700021' }, { name: '李秀兰' }],
  category: 'neighbour',
  riskLevel: 'high',
  description: '两家因排水沟堵塞争吵两天，王家扬言要把沟填平，双方情绪激动。',
};

interface LeadBody {
  id: string;
  unitId: string;
  people: { name: string; phone?: string }[];
  status: string;
  statusZh: string;
  riskLevelZh: string;
  caseNumber: string | null;
  escalationReason: string | null;
  links: { self: string; case: string | null };
}
interface CaseBody {
  caseNumber: string;
  source: string;
  unitId: string;
  summary: string;
  parties: { name: string; role: string; phone?: string }[];
}
interface TriageBody {
  lead: LeadBody;
  case: CaseBody | null;
}
interface CampaignBody {
  links: { self: string };
  coverage: Record<string, unknown>;
}
interface Problem {
  status: number;
  code: string;
  currentStatus?: string;
  errors?: { field: string; reason: string }[];
}

describe('grassroots screening: a grid worker’s lead becomes an on-the-spot case', () => {
  let system: TestSystem;
  let gridWorker: TestUser;
  let otherGridWorker: TestUser;
  let stationClerk: TestUser;
  let otherStationClerk: TestUser;
  let gridId: string;
  let stationId: string;
  let stationSupervisor: TestUser;
  let otherStationId: string;

  let grid: (name: string, parentId: string) => Promise<string>;

  beforeAll(async () => {
    system = await startTestSystem();
    const db = system.database.db;
    const [station, otherStation] = await Promise.all([
      createUnit(db, '幸福镇调解站'),
      createUnit(db, '别的镇'),
    ]);
    grid = async (name: string, parentId: string) => {
      const [unit] = await db
        .insert(units)
        .values({ code: `G-${randomBytes(4).toString('hex')}`, name, kind: 'point', parentId })
        .returning();
      return unit!.id;
    };
    stationId = station.id;
    otherStationId = otherStation.id;
    stationSupervisor = await createStaff(db, 'supervisor', station.id);
    gridId = await grid('幸福村网格', station.id);
    const neighbourGridId = await grid('团结村网格', station.id);
    [gridWorker, otherGridWorker, stationClerk, otherStationClerk] = await Promise.all([
      createStaff(db, 'grid_worker', gridId),
      createStaff(db, 'grid_worker', neighbourGridId),
      createStaff(db, 'clerk', station.id),
      createStaff(db, 'clerk', otherStation.id),
    ]);
  });
  afterAll(() => system?.stop());

  async function call<T>(
    method: string,
    path: string,
    user: TestUser,
    expected: number,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ body: T; response: Response }> {
    const response = await system.request(method, path, {
      credential: user.token,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
    const json = (await response.json()) as T;
    if (response.status !== expected)
      throw new Error(
        `${method} ${path} answered ${response.status}, expected ${expected}: ${JSON.stringify(json)}`,
      );
    return { body: json, response };
  }

  async function refused(method: string, path: string, user: TestUser, status: number, body?: unknown) {
    const { body: problem, response } = await call<Problem>(method, path, user, status, body);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return problem;
  }

  it('reports a lead, the station mediates it on the spot, and a retry answers the same case', async () => {
    const key = { 'idempotency-key': `lead-${randomBytes(6).toString('hex')}` };
    const { body: lead } = await call<LeadBody>('POST', '/v1/grid-leads', gridWorker, 201, ditchQuarrel, key);
    expect(lead).toMatchObject({ unitId: gridId, status: 'reported', statusZh: '待研判', riskLevelZh: '高' });
    // A resend after a lost answer finds the first report.
    const { body: again } = await call<LeadBody>(
      'POST',
      '/v1/grid-leads',
      gridWorker,
      200,
      ditchQuarrel,
      key,
    );
    expect(again.id).toBe(lead.id);

    // The grid worker's list shows it once, the phone number masked.
    const { body: list } = await call<{ items: LeadBody[] }>('GET', '/v1/grid-leads', gridWorker, 200);
    expect(list.items.map((item) => item.id)).toEqual([lead.id]);
    expect(list.items[0]!.people[0]).toEqual({ name: '王建国', phone: '139****0021' });

    const { body: triaged, response } = await call<TriageBody>(
      'POST',
      `/v1/grid-leads/${lead.id}/triage`,
      stationClerk,
      201,
      { action: 'mediate' },
    );
    const registered = triaged.case!;
    expect(response.headers.get('location')).toBe(`/v1/cases/${registered.caseNumber}`);
    expect(triaged.lead).toMatchObject({ status: 'mediating', caseNumber: registered.caseNumber });
    expect(registered).toMatchObject({ source: 'grid_worker', unitId: gridId });
    expect(registered.summary).toContain('排水沟');
    expect(registered.parties).toEqual([
      expect.objectContaining({ name: '王建国', role: 'applicant', phone: '13904700021' }),
      expect.objectContaining({ name: '李秀兰', role: 'respondent' }),
    ]);

    // A double click answers the same case; the case page shows where it came from.
    const { body: retried } = await call<TriageBody>(
      'POST',
      `/v1/grid-leads/${lead.id}/triage`,
      stationClerk,
      200,
      { action: 'mediate' },
    );
    expect(retried.case?.caseNumber).toBe(registered.caseNumber);
    const casePage = await fetch(`${system.baseUrl}/dashboard/work/cases/${registered.caseNumber}`, {
      headers: { cookie: `${sessionCookie}=${stationClerk.token}` },
    });
    expect(casePage.status).toBe(200);
    expect(await casePage.text()).toContain('网格员上报');

    // Mediated is final: escalating now is a 409 naming the current status.
    const illegal = await refused('POST', `/v1/grid-leads/${lead.id}/triage`, stationClerk, 409, {
      action: 'escalate',
      reason: '涉及宅基地权属，需镇政府处理',
    });
    expect(illegal).toMatchObject({ code: 'lead_already_decided', currentStatus: 'mediating' });
  });

  it('keeps a lead from another grid’s worker and another station', async () => {
    const { body: lead } = await call<LeadBody>('POST', '/v1/grid-leads', gridWorker, 201, {
      ...ditchQuarrel,
      riskLevel: 'medium',
    });
    const { body: theirs } = await call<{ items: LeadBody[] }>('GET', '/v1/grid-leads', otherGridWorker, 200);
    expect(theirs.items.map((item) => item.id)).not.toContain(lead.id);
    expect((await refused('GET', `/v1/grid-leads/${lead.id}`, otherGridWorker, 404)).code).toBe('not_found');
    // Grid workers report; they do not triage, not even their own grid's leads.
    for (const worker of [otherGridWorker, gridWorker])
      expect(
        (await refused('POST', `/v1/grid-leads/${lead.id}/triage`, worker, 403, { action: 'watch' })).code,
      ).toBe('forbidden');
    // Another station's clerk is told nothing about it.
    await refused('POST', `/v1/grid-leads/${lead.id}/triage`, otherStationClerk, 404, { action: 'watch' });
    // And a grid worker reaches nothing beyond the leads: no cases, no consultations.
    await refused('GET', '/v1/cases', gridWorker, 403);
    await refused('GET', '/v1/consultations', gridWorker, 403);
    const workbench = await fetch(`${system.baseUrl}/dashboard/work`, {
      headers: { cookie: `${sessionCookie}=${gridWorker.token}` },
      redirect: 'manual',
    });
    expect(workbench.status).toBe(403);
  });

  it('watches a lead, escalates it with a reason, and refuses what its status no longer allows', async () => {
    const { body: lead } = await call<LeadBody>('POST', '/v1/grid-leads', gridWorker, 201, {
      ...ditchQuarrel,
      riskLevel: 'low',
    });
    const path = `/v1/grid-leads/${lead.id}/triage`;
    const { body: watched } = await call<TriageBody>('POST', path, stationClerk, 200, { action: 'watch' });
    expect(watched).toMatchObject({ lead: { status: 'watching', statusZh: '关注' }, case: null });
    await call<TriageBody>('POST', path, stationClerk, 200, { action: 'watch' });
    const noReason = await refused('POST', path, stationClerk, 400, { action: 'escalate' });
    expect(noReason.errors?.map((error) => error.field)).toEqual(['reason']);
    const { body: escalated } = await call<TriageBody>('POST', path, stationClerk, 200, {
      action: 'escalate',
      reason: '涉及宅基地权属，需镇政府处理',
    });
    expect(escalated.lead).toMatchObject({
      status: 'escalated',
      escalationReason: '涉及宅基地权属，需镇政府处理',
    });
    const illegal = await refused('POST', path, stationClerk, 409, { action: 'mediate' });
    expect(illegal).toMatchObject({ code: 'lead_already_decided', currentStatus: 'escalated' });
  });

  it('answers bad input with problem+json naming the field', async () => {
    const { riskLevel: _riskLevel, ...withoutRisk } = ditchQuarrel;
    const missing = await refused('POST', '/v1/grid-leads', gridWorker, 400, withoutRisk);
    expect(missing.errors?.map((error) => error.field)).toEqual(['riskLevel']);
    const badPhone = await refused('POST', '/v1/grid-leads', gridWorker, 400, {
      ...ditchQuarrel,
      people: [{ name: '王建国', phone: '打电话' }],
    });
    expect(badPhone.errors?.map((error) => error.field)).toEqual(['people[0].phone']);
    const badRisk = await refused('POST', '/v1/grid-leads', gridWorker, 400, {
      ...ditchQuarrel,
      riskLevel: 'extreme',
    });
    expect(badRisk.errors?.map((error) => error.field)).toEqual(['riskLevel']);
  });

  it('counts a campaign’s leads by risk level and the units that reported against all its units', async () => {
    const [reportingGrid, silentGrid] = [
      await grid('红旗村网格', stationId),
      await grid('胜利村网格', stationId),
    ];
    const worker = await createStaff(system.database.db, 'grid_worker', reportingGrid);
    for (const riskLevel of ['major', 'high', 'high'])
      await call<LeadBody>('POST', '/v1/grid-leads', worker, 201, { ...ditchQuarrel, riskLevel });
    const today = chinaDateOf(Date.now());
    const campaign = {
      name: '冬季矛盾纠纷大排查',
      startsOn: today,
      endsOn: today,
      unitIds: [reportingGrid, silentGrid],
    };
    const { body: created } = await call<CampaignBody>(
      'POST',
      '/v1/screening-campaigns',
      stationSupervisor,
      201,
      campaign,
    );
    const { body: read } = await call<CampaignBody>('GET', created.links.self, stationSupervisor, 200);
    expect(read.coverage).toMatchObject({
      leadsReported: 3,
      byRiskLevel: [
        { riskLevel: 'low', riskLevelZh: '低', leads: 0 },
        { riskLevel: 'medium', riskLevelZh: '中', leads: 0 },
        { riskLevel: 'high', riskLevelZh: '高', leads: 2 },
        { riskLevel: 'major', riskLevelZh: '重大', leads: 1 },
      ],
      unitsReporting: 1,
      unitsInCampaign: 2,
    });
    // Another station's clerk is no supervisor; a unit outside the supervisor's reach is named.
    await refused('GET', created.links.self, otherStationClerk, 403);
    const outside = await refused('POST', '/v1/screening-campaigns', stationSupervisor, 403, {
      ...campaign,
      unitIds: [otherStationId],
    });
    expect(outside.errors?.map((error) => error.field)).toEqual(['unitIds[0]']);
    const backwards = await refused('POST', '/v1/screening-campaigns', stationSupervisor, 400, {
      ...campaign,
      startsOn: '2026-12-31',
      endsOn: '2026-12-01',
    });
    expect(backwards.errors?.map((error) => error.field)).toEqual(['endsOn']);
  });

  it('lets an admin set up a circuit mediation team (巡回调解小分队) as a unit under a station', async () => {
    const admin = await createStaff(system.database.db, 'admin', null);
    const team = {
      code: `CT-${randomBytes(3).toString('hex')}`,
      name: '幸福镇巡回调解小分队',
      parentId: stationId,
    };
    const { body: created } = await call<{ kind: string; parentId: string }>(
      'POST',
      '/v1/admin/units',
      admin,
      201,
      {
        ...team,
        kind: 'circuit_team',
      },
    );
    expect(created).toMatchObject({ kind: 'circuit_team', parentId: stationId });
    const unknown = await refused('POST', '/v1/admin/units', admin, 400, {
      ...team,
      code: `${team.code}X`,
      kind: 'squad',
    });
    expect(unknown.errors?.map((error) => error.field)).toEqual(['kind']);
  });

  it('registers one case when two triage requests race to mediate the same lead', async () => {
    const { body: lead } = await call<LeadBody>('POST', '/v1/grid-leads', gridWorker, 201, {
      ...ditchQuarrel,
      place: '幸福村五组晒场',
    });
    const path = `/v1/grid-leads/${lead.id}/triage`;
    const answers = await Promise.all(
      [stationClerk, stationSupervisor].map(async (user) => {
        const response = await system.request('POST', path, {
          credential: user.token,
          body: { action: 'mediate' },
        });
        return { status: response.status, body: (await response.json()) as TriageBody };
      }),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(new Set(answers.map((answer) => answer.body.case?.caseNumber)).size).toBe(1);
    const [{ count }] = (await system.database.sql`
      select count(*)::int as count from cases where summary like '幸福村五组晒场%'`) as unknown as [
      { count: number },
    ];
    expect(count).toBe(1);
  });
});
