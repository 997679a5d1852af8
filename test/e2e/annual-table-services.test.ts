import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema/index.js';
import { chinaDateOf } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * The annual table's grid, conference and enterprise lines count what the grid workers, mediators and
 * enterprise-service staff recorded through their own routes: leads reported, conferences held (not
 * waived), 法治体检 visits and reports, 普法 sessions and manual copies, each on its own day, within
 * the reader's units, by month and by unit.
 */
const today = () => chinaDateOf(Date.now());
const lastYear = () => `${Number(today().slice(0, 4)) - 1}-06-15`;
const thisYear = () => `from=${today().slice(0, 4)}-01-01&to=${today()}`;

const lead = (category: string) => ({
  place: '幸福村三组',
  people: [{ name: '王建国', phone: '13904700021' }, { name: '李秀兰' }],
  category,
  riskLevel: 'medium',
  description: '两家因排水沟堵塞争吵，情绪激动。',
});

interface ShownLine {
  figure: string;
  status: string;
}

/** The annual page's lines as a person reads them: the figure and the 数据状态 of each line. */
function linesOf(html: string): Record<string, ShownLine> {
  const lines: Record<string, ShownLine> = {};
  for (const [, key, row] of html.matchAll(/<tr data-line="([^"]+)">(.*?)<\/tr>/gs)) {
    const cells = [...row!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) => visibleText(cell[1]!));
    lines[key!] = { figure: cells[3]!, status: cells[5]! };
  }
  return lines;
}

const serviceLines = [
  'gridLeads',
  'conferences',
  'enterprisesExamined',
  'examinationReports',
  'legalEducationSessions',
  'manualsHandedOut',
];
const figures = (lines: Record<string, ShownLine>) =>
  Object.fromEntries(serviceLines.map((key) => [key, lines[key]?.figure]));

describe('the annual table counts grid leads, case conferences and enterprise services', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let stationSupervisor: TestUser;
  let otherSupervisor: TestUser;
  let admin: TestUser;
  let mediator: TestUser;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const [station, otherStation] = await Promise.all([
      createUnit(db, '幸福镇调解站'),
      createUnit(db, '团结镇调解站'),
    ]);
    const grid = async (name: string, parentId: string) => {
      const [unit] = await db
        .insert(units)
        .values({ code: `G-${randomBytes(4).toString('hex')}`, name, kind: 'point', parentId })
        .returning();
      return unit!.id;
    };
    const [gridId, otherGridId] = await Promise.all([
      grid('幸福村网格', station.id),
      grid('团结村网格', otherStation.id),
    ]);
    const [gridWorker, otherGridWorker, clerk] = await Promise.all([
      createStaff(db, 'grid_worker', gridId),
      createStaff(db, 'grid_worker', otherGridId),
      createStaff(db, 'clerk', station.id),
    ]);
    [mediator, stationSupervisor, otherSupervisor, admin] = await Promise.all([
      createStaff(db, 'mediator', station.id),
      createStaff(db, 'supervisor', station.id),
      createStaff(db, 'supervisor', otherStation.id),
      createStaff(db, 'admin', null),
    ]);

    // Grid leads: two in the station's grid (one neighbour, one land), one in the other station's.
    const report = (worker: TestUser, category: string) =>
      system.request('POST', '/v1/grid-leads', {
        credential: worker.token,
        body: lead(category),
        headers: { 'idempotency-key': `lead-${randomBytes(6).toString('hex')}` },
      });
    for (const [worker, category] of [
      [gridWorker, 'neighbour'],
      [gridWorker, 'land'],
      [otherGridWorker, 'neighbour'],
    ] as const)
      expect((await report(worker, category)).status).toBe(201);

    // Two complex cases: one holds its conference (研), the other's is waived (not a conference).
    const complexCase = async () => {
      const { caseNumber } = await api.register(clerk.token, {
        source: 'walk_in',
        summary: '工程承包押金返还纠纷，涉及多户村民',
        parties: [
          { kind: 'person', name: '高建国', role: 'applicant' },
          { kind: 'organisation', name: '呼伦贝尔市某建筑有限公司', role: 'respondent' },
        ],
        mediationConsent: { givenBy: ['高建国'] },
      });
      await api.transition(clerk.token, caseNumber, 'triage', {
        triageClass: 'complex',
        category: 'contract',
      });
      await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
      await api.transition(mediator.token, caseNumber, 'accept');
      return caseNumber;
    };
    const [held, waived] = [await complexCase(), await complexCase()];
    await api.transition(mediator.token, held, 'conferences', {
      heldAt: new Date().toISOString(),
      participants: [
        { name: '王调解', role: 'mediator' },
        { name: '刘律师', role: 'lawyer', organisation: '内蒙古呼伦律师事务所' },
      ],
      conclusions: '争议焦点为押金返还；双方均有和解意愿',
      plan: '先核实工程量，再分别做双方工作',
    });
    await api.transition(stationSupervisor.token, waived, 'conference-waiver', { reason: '案情简单明了' });

    // Enterprise services at the station: a 法治体检 visited and reported, 普法 and manuals this year
    // and last year.
    const { id: enterpriseId } = await api.call(
      'POST',
      '/v1/enterprises',
      clerk.token,
      {
        name: '呼伦贝尔草原乳业有限公司',
        creditCode: '91110108551385082Q',
        entityClass: 'private_enterprise',
        industry: 'manufacturing',
        size: 'medium',
        contacts: [{ name: '张晓明', position: '法务负责人', phone: '13904701234' }],
      },
      201,
    );
    const base = '/v1/enterprise-services';
    const engagement = await api.call(
      'POST',
      `${base}/engagements`,
      clerk.token,
      { enterpriseId, origin: 'request' },
      201,
    );
    const visit = { visitedOn: today(), team: ['王律师'], matters: ['contracts'] };
    await api.call('POST', `${base}/engagements/${engagement.id}/visit`, clerk.token, visit, 200);
    await api.call(
      'POST',
      `${base}/engagements/${engagement.id}/findings`,
      clerk.token,
      {
        matter: 'contracts',
        riskLevel: 'high',
        description: '合同未约定违约责任',
        recommendation: '修订合同范本',
      },
      201,
    );
    await api.call('POST', `${base}/engagements/${engagement.id}/report`, clerk.token, {}, 200);
    const session = (heldOn: string) => ({ heldOn, audience: '园区企业', topic: '劳动合同', attendance: 40 });
    for (const heldOn of [today(), today(), lastYear()])
      await api.call('POST', `${base}/law-sessions`, clerk.token, session(heldOn), 201);
    const manuals = (handedOutOn: string, copies: number) => ({
      handedOutOn,
      title: '企业法律风险防控手册',
      copies,
    });
    await api.call('POST', `${base}/manual-handouts`, clerk.token, manuals(today(), 120), 201);
    await api.call('POST', `${base}/manual-handouts`, clerk.token, manuals(today(), 30), 201);
    await api.call('POST', `${base}/manual-handouts`, clerk.token, manuals(lastYear(), 500), 201);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const annual = async (user: TestUser, query: string) => {
    const page = await pageSession(system, user).get(`/dashboard/statistics/annual?${query}`);
    expect(page.status).toBe(200);
    return page.html;
  };

  it('shows this year’s figures to the station, counted and not marked as lacking a source', async () => {
    const lines = linesOf(await annual(stationSupervisor, `${thisYear()}&by=unit`));
    expect(figures(lines)).toEqual({
      gridLeads: '2',
      conferences: '1',
      enterprisesExamined: '1',
      examinationReports: '1',
      legalEducationSessions: '2',
      manualsHandedOut: '150',
    });
    for (const key of serviceLines) expect(lines[key]!.status, key).toBe('已统计');
    expect(Object.values(lines).map((line) => line.status)).not.toContain('尚无数据来源');
  });

  it('keeps each station to its own units, and gives the centre all of them', async () => {
    expect(figures(linesOf(await annual(otherSupervisor, thisYear())))).toEqual({
      gridLeads: '1',
      conferences: '0',
      enterprisesExamined: '0',
      examinationReports: '0',
      legalEducationSessions: '0',
      manualsHandedOut: '0',
    });
    expect(figures(linesOf(await annual(admin, thisYear())))).toMatchObject({
      gridLeads: '3',
      manualsHandedOut: '150',
    });
  });

  it('counts each record on its own day: last year has only last year’s 普法 and manuals', async () => {
    const year = lastYear().slice(0, 4);
    const lines = linesOf(await annual(stationSupervisor, `from=${year}-01-01&to=${year}-12-31`));
    expect(figures(lines)).toEqual({
      gridLeads: '0',
      conferences: '0',
      enterprisesExamined: '0',
      examinationReports: '0',
      legalEducationSessions: '1',
      manualsHandedOut: '500',
    });
  });

  it('filters leads and conferences by category, conferences by mediator, and says which lines a filter does not reach', async () => {
    const byCategory = linesOf(await annual(stationSupervisor, `${thisYear()}&category=neighbour`));
    expect(figures(byCategory)).toMatchObject({ gridLeads: '1', conferences: '0', manualsHandedOut: '—' });
    expect(byCategory.manualsHandedOut!.status).toBe('不按所选类别或调解员统计');
    const byMediator = linesOf(
      await annual(stationSupervisor, `${thisYear()}&mediator=${mediator.username}`),
    );
    expect(figures(byMediator)).toMatchObject({ conferences: '1', gridLeads: '—' });
  });

  it('breaks the lines down by month, this month holding the year and the 合计 row equal to it', async () => {
    const html = await annual(stationSupervisor, `${thisYear()}&by=month`);
    const table = html.match(/<table[^>]*>(?:(?!<\/table>).)*data-group=.*?<\/table>/s)?.[0] ?? '';
    const headers = [
      ...(table.match(/<thead>(.*?)<\/thead>/s)?.[1] ?? '').matchAll(/<th[^>]*>(.*?)<\/th>/gs),
    ].map((cell) => visibleText(cell[1]!));
    const cellsOf = (row: string) =>
      [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((cell) => visibleText(cell[1]!));
    const byHeader = (row: string) =>
      Object.fromEntries(headers.map((header, i) => [header, cellsOf(row)[i]]));
    const month = today().slice(0, 7);
    const thisMonth = byHeader(
      table.match(new RegExp(`<tr data-group="${month}">(.*?)</tr>`, 's'))?.[1] ?? '',
    );
    const totals = byHeader(table.match(/<tr class="totals">(.*?)<\/tr>/s)?.[1] ?? '');
    const expected = {
      '排查发现矛盾纠纷线索（条）': '2',
      '召开复杂案件研判会（次）': '1',
      '走访企业开展法治体检（家）': '1',
      '出具法治体检报告（份）': '1',
      '开展普法宣讲（场）': '2',
      '发放法律手册（册）': '150',
    };
    expect(thisMonth).toMatchObject(expected);
    expect(totals).toMatchObject(expected);
  });
});
