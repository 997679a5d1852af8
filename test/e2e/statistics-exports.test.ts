import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, units } from '../../db/schema/index.js';
import { chinaDateOf } from '../../domain/dates.js';
import { ledgerColumns, ledgerPages } from '../../use-cases/supervision/ledger.js';
import type { StatisticsReport } from '../../use-cases/supervision/statistics.js';
import { caseApi } from '../helpers/case-api.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { parseCsv } from '../helpers/parse-csv.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const wangFang = {
  kind: 'person',
  name: '王芳',
  role: 'applicant',
  idType: 'resident_id',
  idNumber: '150702199001011233',
  phone: '13800001111',
};
const dispute = (source: string, extraParty = false) => ({
  source,
  summary: '楼上住户装修导致楼下墙面开裂，就修复费用发生争议',
  parties: [
    wangFang,
    { kind: 'person', name: '李强', role: 'respondent', phone: '13900002222' },
    ...(extraParty ? [{ kind: 'person', name: '张伟', role: 'third_party' }] : []),
  ],
  mediationConsent: { givenBy: [wangFang.name] },
});

async function readXlsx(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  return workbook;
}

const cellValues = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);

/**
 * A small known set: five cases through the API at a centre (one settled in writing and diverted from a
 * court, one settled orally on the spot from an online application, one failed, one rejected, one just
 * registered) and two legacy cases imported at a station under it (prosecution referrals, a year ago).
 */
describe('statistics and exports over HTTP', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let centre: { id: string; name: string };
  let station: { id: string; name: string };
  let clerk: TestUser;
  let mediator: TestUser;
  let centreSupervisor: TestUser;
  let stationSupervisor: TestUser;
  let otherSupervisor: TestUser;
  let admin: TestUser;
  const year = Number(chinaDateOf(Date.now()).slice(0, 4));
  const today = chinaDateOf(Date.now());
  const no: Record<string, string> = {};

  /** A legacy case as the ledger import writes it: archived, no workflow. */
  async function insertImported(caseNumber: string, fields: Partial<typeof cases.$inferInsert>) {
    await system.database.db.insert(cases).values({
      caseNumber,
      workflowId: `import-${caseNumber}`,
      origin: 'import',
      source: 'procuratorate',
      stage: 'archived',
      category: 'other',
      summary: '轻伤害案件刑事和解',
      unitId: station.id,
      referralKind: 'prosecution',
      state: {},
      lastSeq: 1,
      registeredAt: new Date(),
      updatedAt: new Date(),
      ...fields,
    });
  }

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    centre = await createUnit(db, '阿荣旗矛盾纠纷多元化解中心');
    const [createdStation] = await db
      .insert(units)
      .values({
        code: `S-${randomBytes(4).toString('hex')}`,
        name: '检调对接调解室',
        kind: 'station',
        parentId: centre.id,
      })
      .returning();
    station = createdStation!;
    const elsewhere = await createUnit(db, '牙克石市矛盾纠纷多元化解中心');
    [clerk, mediator, centreSupervisor, stationSupervisor, otherSupervisor, admin] = await Promise.all([
      createStaff(db, 'clerk', centre.id),
      createStaff(db, 'mediator', centre.id),
      createStaff(db, 'supervisor', centre.id),
      createStaff(db, 'supervisor', station.id),
      createStaff(db, 'supervisor', elsewhere.id),
      createStaff(db, 'admin', null),
    ]);

    // 标的额 12,000 yuan recorded at intake; the agreement (8,600) is a separate figure.
    no.courtSettled = (
      await api.register(clerk.token, { ...dispute('walk_in', true), claimAmountFen: 1_200_000 })
    ).caseNumber;
    await api.transition(clerk.token, no.courtSettled, 'triage', {
      triageClass: 'general',
      category: 'neighbour',
    });
    await api.transition(clerk.token, no.courtSettled, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, no.courtSettled, 'accept');
    await api.transition(mediator.token, no.courtSettled, 'settle', {
      form: 'written',
      terms: '李强赔偿修复费用8,600元',
      amountFen: 860_000,
      performance: [],
    });
    // A court referral (诉调对接): the docking columns as the court flow fills them. Its stage period
    // ran out once before it settled: the event the workflow's timer records.
    await system.database.sql`
      update cases set referral_kind = 'court', court_fee_saved_fen = 2500 where case_number = ${no.courtSettled}`;
    await system.database.sql`
      insert into case_events (case_number, seq, type, actor_kind, actor_id, at, after, payload)
      values (${no.courtSettled}, 1000, 'deadline_overdue', 'system', 'deadline-timer', now(), '{}', '{"kind":"stage"}')`;

    no.onlineOnTheSpot = (await api.register(clerk.token, dispute('online'))).caseNumber;
    await api.transition(clerk.token, no.onlineOnTheSpot, 'triage', {
      triageClass: 'simple',
      category: 'neighbour',
    });
    await api.transition(clerk.token, no.onlineOnTheSpot, 'settle', {
      form: 'oral',
      terms: '双方当场达成口头协议',
      amountFen: 0,
      performance: [],
    });

    no.failed = (await api.register(clerk.token, dispute('hotline'))).caseNumber;
    await api.transition(clerk.token, no.failed, 'triage', { triageClass: 'general', category: 'labour' });
    await api.transition(clerk.token, no.failed, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, no.failed, 'accept');
    await api.transition(mediator.token, no.failed, 'fail', {
      reasons: '分歧过大',
      undisputedFacts: '劳动关系无争议',
    });
    await system.database.sql`update cases set overdue = true where case_number = ${no.failed}`;

    no.rejected = (await api.register(clerk.token, dispute('walk_in'))).caseNumber;
    await api.transition(clerk.token, no.rejected, 'reject', { reason: '不属于受理范围' });

    no.registered = (await api.register(clerk.token, dispute('wechat'))).caseNumber;

    const lastYear = year - 1;
    no.importedSettled = `IMP${randomBytes(2).toString('hex').toUpperCase()}-${lastYear}-000001`;
    await insertImported(no.importedSettled, {
      disposition: 'settled_written',
      amountFen: 500_000,
      institutionDecision: '不起诉',
      partiesCount: 2,
      registeredAt: new Date(`${lastYear}-03-10T02:00:00Z`),
      settledAt: new Date(`${lastYear}-03-20T02:00:00Z`),
      closedAt: new Date(`${lastYear}-03-22T02:00:00Z`),
    });
    await system.database.sql`
      insert into parties (case_number, ordinal, kind, name, name_normalised, role, id_type, id_number, phone)
      values (${no.importedSettled}, 0, 'person', '赵敏', '赵敏', 'applicant', 'resident_id', '15070219850505002X', '13700003333')`;
    no.importedFailed = `IMP${randomBytes(2).toString('hex').toUpperCase()}-${lastYear}-000002`;
    await insertImported(no.importedFailed, {
      disposition: 'failed',
      partiesCount: 3,
      registeredAt: new Date(`${lastYear}-03-11T02:00:00Z`),
      closedAt: new Date(`${lastYear}-03-16T02:00:00Z`),
    });
    // The parties' follow-up ratings (回访满意度, given on the public channel's case page: see
    // public-channel-browser): two for the settled court referral, one for the failed case.
    await system.database.sql`
      insert into party_ratings (case_number, phone, score, comment) values
        (${no.courtSettled}, '13800000001', 5, '调解员很耐心'),
        (${no.courtSettled}, '13800000002', 4, ''),
        (${no.failed}, '13800000003', 2, '等待时间太长')`;
  });
  afterAll(() => system?.stop());

  const statistics = (user: TestUser, query = '', expected = 200) =>
    api.call(
      'GET',
      `/v1/statistics${query}`,
      user.token,
      undefined,
      expected,
    ) as unknown as Promise<StatisticsReport>;

  it('computes the annual table on the known set, imported cases included', async () => {
    const report = await statistics(centreSupervisor, `?from=${year - 1}-01-01&to=${today}`);
    expect(report.totals).toEqual({
      peopleServed: 3 + 2 + 2 + 2 + 2 + 2 + 3,
      received: 7,
      settled: 3,
      concluded: 5,
      successRate: 0.6,
      amountSettledFen: 1_360_000,
      // The one claim amount recorded (12,000 yuan at intake), beside the agreement amounts.
      claimAmountFen: 1_200_000,
      claimCount: 1,
      courtReceived: 1,
      courtSettled: 1,
      courtFeeSavedFen: 2500,
      prosecutionReceived: 2,
      prosecutionSettled: 1,
      prosecutionAmountFen: 500_000,
      prosecutionDecisions: { 不起诉: 1 },
      settledOnline: 1,
      averageDurationDays: 3.8,
      p90DurationDays: 8.5,
      overdueNow: 1,
      everOverdue: 2,
      ratings: 3,
      averageSatisfaction: 3.67,
    });
    const months = report.byMonth as { month: string; received: number; settled: number }[];
    expect(months[0]!.month).toBe(`${year - 1}-01`);
    expect(months.at(-1)!.month).toBe(today.slice(0, 7));
    expect(months.find((m) => m.month === `${year - 1}-03`)).toMatchObject({ received: 2, settled: 1 });
    expect(months.reduce((sum, m) => sum + m.received, 0)).toBe(7);
    expect(report.byUnit).toEqual([
      expect.objectContaining({
        unitId: centre.id,
        unitName: centre.name,
        received: 5,
        settled: 2,
        claimAmountFen: 1_200_000,
        claimCount: 1,
        ratings: 3,
        averageSatisfaction: 3.67,
      }),
      expect.objectContaining({
        unitId: station.id,
        unitName: '检调对接调解室',
        received: 2,
        settled: 1,
        claimAmountFen: 0,
        claimCount: 0,
        ratings: 0,
        averageSatisfaction: null,
      }),
    ]);
    expect(report.byCategory.find((c) => c.categoryZh === '邻里纠纷')).toMatchObject({
      claimAmountFen: 1_200_000,
      claimCount: 1,
    });
    expect(report.byMonth.reduce((sum, m) => sum + m.claimAmountFen, 0)).toBe(1_200_000);
    expect(report.byMediator).toEqual([
      expect.objectContaining({ mediatorId: null, mediatorName: null, received: 5, ratings: 0 }),
      expect.objectContaining({
        mediatorId: mediator.id,
        mediatorName: mediator.username, // test staff are named by their username
        received: 2,
        settled: 1,
        ratings: 3,
        averageSatisfaction: 3.67,
      }),
    ]);
    // Ratings count with their case's registration period: none in a period before these cases.
    const earlier = await statistics(centreSupervisor, `?from=${year - 1}-01-01&to=${year - 1}-12-31`);
    expect(earlier.totals).toMatchObject({ ratings: 0, averageSatisfaction: null });
    const categories = Object.fromEntries(
      (report.byCategory as { categoryZh: string; received: number }[]).map((c) => [
        c.categoryZh,
        c.received,
      ]),
    );
    expect(categories).toEqual({ 邻里纠纷: 2, 劳动争议: 1, 其他纠纷: 2, 未分类: 2 });
    const sources = Object.fromEntries(
      (report.bySource as { sourceZh: string; received: number }[]).map((s) => [s.sourceZh, s.received]),
    );
    expect(sources).toEqual({ 来访: 2, 网上申请: 1, 热线: 1, 微信: 1, 检察院移送: 2 });
  });

  it('shows the parties’ ratings on the statistics page, by unit and by mediator, and in the export', async () => {
    const page = await pageSession(system, centreSupervisor).get(
      `/dashboard/statistics?from=${year - 1}-01-01&to=${today}`,
    );
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('当事人满意度 3.67 分 回访评价 3 条（满分5分）');
    expect(text).toMatch(new RegExp(`${centre.name} 5 2 .* 3 3\\.67`));
    expect(text).toContain(`${mediator.username} 2 1 50.0% 3 3.67`);
    const csv = await system.request(
      'GET',
      `/v1/statistics/export?from=${year - 1}-01-01&to=${today}&format=csv`,
      {
        credential: centreSupervisor.token,
      },
    );
    const rows = parseCsv(new TextDecoder().decode(new Uint8Array(await csv.arrayBuffer()).slice(3)));
    const header = rows[0]!;
    const total = rows[1]!;
    expect(total[header.indexOf('当事人评价(条)')]).toBe('3');
    expect(total[header.indexOf('平均满意度(分)')]).toBe('3.67');
    expect(rows.find((row) => row[0] === '调解员' && row[1] === mediator.username)).toBeDefined();
  });

  it('filters by period, category, source and unit, and scopes supervisors', async () => {
    expect((await statistics(admin, `?from=${today}&to=${today}`)).totals.received).toBe(5);
    expect((await statistics(admin, '?category=other')).totals).toMatchObject({ received: 2, settled: 1 });
    expect((await statistics(admin, '?source=online')).totals).toMatchObject({
      received: 1,
      settledOnline: 1,
    });
    expect((await statistics(admin, `?unitId=${station.id}`)).totals.received).toBe(2);
    expect((await statistics(admin, `?unitId=${centre.id}`)).totals.received).toBe(7);
    expect((await statistics(stationSupervisor)).totals).toMatchObject({
      received: 2,
      prosecutionReceived: 2,
    });
    expect((await statistics(otherSupervisor)).totals).toMatchObject({ received: 0, successRate: null });
    const refused = (await statistics(stationSupervisor, `?unitId=${centre.id}`, 403)) as unknown as {
      code: string;
    };
    expect(refused.code).toBe('forbidden_unit');
    await statistics(clerk, '', 403);
    await statistics(mediator, '', 403);
    await statistics(admin, '?from=2026-02-01&to=2026-01-01', 400);
  });

  it('exports the statistics as CSV (UTF-8 with BOM) and XLSX with zh-CN headers', async () => {
    const csv = await system.request(
      'GET',
      `/v1/statistics/export?format=csv&from=${year - 1}-01-01&to=${today}`,
      {
        credential: centreSupervisor.token,
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('统计报表-')}`,
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(rows[0]!.slice(0, 6)).toEqual([
      '统计维度',
      '分组',
      '服务群众(人)',
      '受理纠纷(件)',
      '调解成功(件)',
      '调结(件)',
    ]);
    const totals = Object.fromEntries(rows[0]!.map((header, i) => [header, rows[1]![i]]));
    expect(totals).toMatchObject({
      统计维度: '合计',
      '受理纠纷(件)': '7',
      '调解成功率(%)': '60',
      '涉及金额(元)': '13600',
      '填报标的额(件)': '1',
      '标的额(元)': '12000',
      '节约诉讼费(元)': '25',
      检察机关决定: '不起诉:1',
    });
    expect(rows.some((row) => row[0] === '单位' && row[1] === '检调对接调解室')).toBe(true);

    const xlsx = await system.request(
      'GET',
      `/v1/statistics/export?format=xlsx&from=${year - 1}-01-01&to=${today}`,
      {
        credential: admin.token,
      },
    );
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = await readXlsx(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '合计',
      '按月份',
      '按单位',
      '按类别',
      '按来源',
      '按调解员',
    ]);
    const sheet = workbook.getWorksheet('合计')!;
    expect(cellValues(sheet.getRow(1)).slice(2, 4)).toEqual(['服务群众(人)', '受理纠纷(件)']);
    expect(cellValues(sheet.getRow(2)).slice(0, 4)).toEqual(['合计', '全部', 16, 7]);
  });

  it('exports the case ledger (台账) with zh-CN headers, masking ID and phone numbers except for admins', async () => {
    const headers = ledgerColumns.map((column) => column.header);
    const csv = await system.request('GET', '/v1/supervision/ledger/export?format=csv', {
      credential: centreSupervisor.token,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      new RegExp(
        `^attachment; filename="case-ledger-[^"]+\\.csv"; filename\\*=UTF-8''${encodeURIComponent('案件台账-')}`,
      ),
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(rows[0]).toEqual(headers);
    expect(rows).toHaveLength(8);
    const byNumber = new Map(
      rows.slice(1).map((row) => [row[0], Object.fromEntries(headers.map((h, i) => [h, row[i]]))]),
    );
    expect(byNumber.get(no.courtSettled)).toMatchObject({
      来源: '来访',
      类别: '邻里纠纷',
      分级: '一般',
      状态: '联动',
      承办单位: centre.name,
      调解员: mediator.username,
      '标的额(元)': '12000',
      '协议金额(元)': '8600',
      处理结果: '调解成功（书面协议）',
      是否超期: '是',
      对接类型: '诉调对接',
      '节约诉讼费(元)': '25',
    });
    const parties = byNumber.get(no.courtSettled)!.当事人!;
    expect(parties).toContain('王芳（申请人，证件号150702********1233，电话138****1111）');
    expect(parties).not.toContain('150702199001011233');
    expect(parties).not.toContain('13900002222');
    expect(byNumber.get(no.importedSettled)).toMatchObject({ 结案日期: `${year - 1}-03-22`, 是否超期: '否' });
    expect(byNumber.get(no.importedSettled)!.当事人).toContain('150702********002X');
    expect(byNumber.get(no.failed)!.是否超期).toBe('是');

    const full = await system.request('GET', `/v1/supervision/ledger/export?format=csv&source=walk_in`, {
      credential: admin.token,
    });
    // Response.text() decodes UTF-8 and drops the byte-order mark.
    const fullRows = parseCsv(await full.text());
    expect(
      fullRows
        .map((row) => row[0])
        .slice(1)
        .sort(),
    ).toEqual([no.courtSettled, no.rejected].sort());
    expect(fullRows.find((row) => row[0] === no.courtSettled)![8]).toContain(
      '证件号150702199001011233，电话13800001111',
    );

    const xlsx = await system.request(
      'GET',
      `/v1/supervision/ledger/export?format=xlsx&unitId=${station.id}`,
      {
        credential: stationSupervisor.token,
      },
    );
    expect(xlsx.status).toBe(200);
    const workbook = await readXlsx(xlsx);
    const sheet = workbook.getWorksheet('案件台账')!;
    expect(cellValues(sheet.getRow(1))).toEqual(headers);
    expect(sheet.actualRowCount).toBe(3);
    const numbers = [cellValues(sheet.getRow(2))[0], cellValues(sheet.getRow(3))[0]];
    expect(numbers).toEqual([no.importedFailed, no.importedSettled]);
    expect(String(cellValues(sheet.getRow(3))[8])).toContain('137****3333');

    const refused = await system.request('GET', `/v1/supervision/ledger/export?unitId=${centre.id}`, {
      credential: stationSupervisor.token,
    });
    expect(refused.status).toBe(403);
    const clerkTry = await system.request('GET', '/v1/supervision/ledger/export', {
      credential: clerk.token,
    });
    expect(clerkTry.status).toBe(403);
  });

  it('pages through a ledger by keyset rather than loading it at once', async () => {
    const pages: string[][] = [];
    for await (const page of ledgerPages(
      system.database.db,
      'all',
      {},
      { fullContactDetails: false, pageSize: 2 },
    ))
      pages.push(page.map((row) => row.caseNumber));
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(7);
    expect(all.slice(-2)).toEqual([no.importedFailed, no.importedSettled]);
  });
});
