import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleLedger, type SampleCase } from '../../scripts/generate-sample-ledger.js';
import { generateSampleConsultations } from '../../scripts/sample-ledger/consultations.js';
import { generateSampleEnterpriseServices } from '../../scripts/sample-ledger/enterprise-services.js';
import { generateSampleGridLeads, generateSampleGrids } from '../../scripts/sample-ledger/grid-leads.js';
import { loadSampleYear } from '../../scripts/sample-ledger/load-sample-year.js';
import { sampleUnits } from '../../scripts/sample-ledger/people.js';
import { chromiumPath, launchChromium } from '../helpers/chromium.js';
import { createStaff, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';
import { readXlsx, type XlsxCell } from '../helpers/xlsx-reader.js';

const screenshots = join(process.cwd(), 'test-results');
const year = 'from=2022-01-01&to=2022-12-31';

const isSettled = (entry: SampleCase) => entry.disposition.startsWith('settled');
const online = (entry: SampleCase) => entry.source === 'online' || entry.source === 'wechat';
const sum = <T>(entries: readonly T[], of: (entry: T) => number) =>
  entries.reduce((total, entry) => total + of(entry), 0);

const inYear = (day: string | null) => day !== null && day >= '2022-01-01' && day <= '2022-12-31';

/**
 * Every line of the annual table counted by hand from the sample rows themselves (the generator's cases,
 * consultations, grid leads and enterprise services), not from the database: the figure each line must
 * show. Money in fen.
 */
function countByHand(cases: SampleCase[]) {
  const consultations = generateSampleConsultations(cases);
  const leads = generateSampleGridLeads();
  const services = generateSampleEnterpriseServices();
  const settled = cases.filter(isSettled);
  const court = cases.filter((entry) => entry.court);
  const prosecution = cases.filter((entry) => entry.prosecution);
  return {
    peopleServed: sum(cases, (entry) => entry.parties.length),
    received: cases.length,
    settled: settled.length,
    amountSettled: sum(settled, (entry) => entry.agreementAmountFen ?? 0),
    courtReceived: court.length,
    courtSettled: court.filter(isSettled).length,
    courtFeeSaved: sum(court.filter(isSettled), (entry) => entry.court!.feeSavedFen ?? 0),
    prosecutionReceived: prosecution.length,
    prosecutionSettled: prosecution.filter(isSettled).length,
    receivedOnline: cases.filter(online).length,
    settledOnline: cases.filter((entry) => online(entry) && isSettled(entry)).length,
    consultations: consultations.length,
    consultationsBecameCases: consultations.filter((entry) => entry.caseNumber !== null).length,
    legalAidReferred: consultations.filter((entry) => entry.referral === 'legal_aid').length,
    gridReported: cases.filter((entry) => entry.source === 'grid_worker').length,
    gridLeads: leads.filter((lead) => inYear(lead.reportedOn)).length,
    conferences: cases.filter((entry) => inYear(entry.conferenceOn)).length,
    enterprisesExamined: services.engagements.filter((engagement) => inYear(engagement.visitedOn)).length,
    legalEducationSessions: services.sessions.filter((session) => inYear(session.heldOn)).length,
    examinationReports: services.engagements.filter((engagement) => inYear(engagement.reportedOn)).length,
    manualsHandedOut: sum(
      services.handouts.filter((handout) => inYear(handout.handedOutOn)),
      (handout) => handout.copies,
    ),
  } as Record<string, number>;
}

const moneyLines = new Set(['amountSettled', 'courtFeeSaved']);
/** The page's text of a figure, as a number in the line's unit (fen for money). */
const figure = (key: string, text: string) =>
  moneyLines.has(key) ? Math.round(Number(text.replace(/,/g, '')) * 100) : Number(text.replace(/,/g, ''));

describe('a supervisor reads the centre’s whole annual table for 2022, on the page and in Excel', () => {
  let system: TestSystem;
  let supervisor: TestUser;
  let context: BrowserContext;
  let page: Page;
  let profile: Awaited<ReturnType<typeof makeTempDir>>;
  const sample = generateSampleLedger();
  const expected = countByHand(sample);

  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(`No ${chromiumPath}: apt-get install -y chromium fonts-noto-cjk`);
    system = await startTestSystem();
    const admin = await createStaff(system.database.db, 'admin', null);
    const [centre] = await system.database.sql`
      insert into units (code, name, kind) values ('HLBE-CENTRE', '呼伦贝尔市非诉纠纷调处中心', 'centre')
      returning id`;
    const dutyLawyer = await createStaff(system.database.db, 'mediator', centre!.id);
    await system.database.sql`update users set display_name = '值班律师赵敏' where id = ${dutyLawyer.id}`;
    supervisor = await createStaff(system.database.db, 'supervisor', centre!.id);
    // The same loader the demo uses (scripts/load-sample-year.ts).
    await loadSampleYear(system.baseUrl, admin.token, system.database.db, {
      answeredById: dutyLawyer.id,
      recordedById: supervisor.id,
    });

    await mkdir(screenshots, { recursive: true });
    profile = await makeTempDir('chromium');
    context = await launchChromium(profile.path, { locale: 'zh-CN', viewport: { width: 1500, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${system.baseUrl}/dashboard/login?next=/dashboard/statistics`);
    await page.getByLabel('用户名').fill(supervisor.username);
    await page.getByLabel('密码').fill(supervisor.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/dashboard/statistics');
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
    await system?.stop();
  });

  it('shows every line of the table equal to the count made by hand from the sample rows', async () => {
    await page.goto(`${system.baseUrl}/dashboard/statistics?${year}`);
    await page.getByRole('link', { name: '年度统计表（全部业务）' }).click();
    await page.waitForURL(`**/dashboard/statistics/annual?${year}`);

    const rows = page.locator('table.annual-lines tbody tr');
    const shown: Record<string, number> = {};
    const statuses: Record<string, string> = {};
    for (const row of await rows.all()) {
      const key = (await row.getAttribute('data-line'))!;
      const cells = await row.locator('td').allInnerTexts();
      shown[key] = figure(key, cells[3]!);
      statuses[key] = cells[5]!;
    }
    expect(shown).toEqual(expected);
    // The seed's own figures (DESIGN.md), reached by the sample.
    expect(shown).toMatchObject({ peopleServed: 10_599, settled: 5_125, amountSettled: 18_300_000_000 });
    expect(shown).toMatchObject({ courtSettled: 1_463, courtFeeSaved: 499_000_000, prosecutionReceived: 8 });
    expect(expected.consultations).toBeGreaterThan(0);
    expect(expected.legalAidReferred).toBeGreaterThan(0);
    expect(expected.consultationsBecameCases).toBeGreaterThan(0);
    // Every line of the seed's table has a figure in the sample, the enterprise ones the seed's own.
    for (const key of Object.keys(expected)) expect(expected[key], key).toBeGreaterThan(0);
    expect(shown).toMatchObject({
      enterprisesExamined: 1_898,
      legalEducationSessions: 152,
      examinationReports: 214,
      manualsHandedOut: 2_278,
    });
    for (const key of Object.keys(expected)) expect(statuses[key]).toBe('已统计');

    // By unit (the default breakdown): each station's cases as the sample rows have them, and 合计; the
    // grids (points below their stations, where the leads are counted) have none.
    const unitName = new Map(sampleUnits.map((unit) => [unit.code, unit.name]));
    const receivedByUnit = new Map<string, number>();
    for (const grid of generateSampleGrids()) receivedByUnit.set(grid.name, 0);
    for (const entry of sample) {
      const name = unitName.get(entry.unit.code)!;
      receivedByUnit.set(name, (receivedByUnit.get(name) ?? 0) + 1);
    }
    const breakdown = page.getByRole('table', { name: '按承办单位' });
    const header = await breakdown.locator('thead th').allInnerTexts();
    const receivedColumn = header.indexOf('受理矛盾纠纷（件）');
    const byUnit = new Map<string, number>();
    for (const row of await breakdown.locator('tbody tr').all()) {
      const cells = await row.locator('td').allInnerTexts();
      byUnit.set(cells[0]!, Number(cells[receivedColumn]!.replace(/,/g, '')));
    }
    expect(byUnit).toEqual(receivedByUnit);
    const totals = await breakdown.locator('tfoot th').allInnerTexts();
    expect(totals[0]).toBe('合计');
    expect(Number(totals[receivedColumn]!.replace(/,/g, ''))).toBe(expected.received);
    await page.screenshot({ path: join(screenshots, 'annual-table.png'), fullPage: true });
  });

  it('narrows to one category and one mediator: consultation lines say they are not counted that way', async () => {
    const mediatorName = sample[0]!.mediatorName;
    await page.goto(
      `${system.baseUrl}/dashboard/statistics/annual?${year}&category=family&mediator=${encodeURIComponent(mediatorName)}&by=month`,
    );
    const theirs = sample.filter(
      (entry) => entry.category === 'family' && entry.mediatorName === mediatorName,
    );
    const line = (key: string) => page.locator(`tr[data-line="${key}"] td`);
    expect(figure('received', (await line('received').allInnerTexts())[3]!)).toBe(theirs.length);
    expect(figure('settled', (await line('settled').allInnerTexts())[3]!)).toBe(
      theirs.filter(isSettled).length,
    );
    const consultations = await line('consultations').allInnerTexts();
    expect(consultations[3]).toBe('—');
    expect(consultations[5]).toBe('不按所选类别或调解员统计');
    // Every month of the year is a row, empty ones too.
    expect(await page.getByRole('table', { name: '按月份' }).locator('tbody tr').count()).toBe(12);
  });

  it('marks a wrong date in the form, keeps what was typed, and says why in Chinese', async () => {
    const response = await page.goto(
      `${system.baseUrl}/dashboard/statistics/annual?from=2022-12-31&to=2022-01-01`,
    );
    expect(response?.status()).toBe(400);
    const to = page.locator('input[name="to"]');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    expect(await to.inputValue()).toBe('2022-01-01');
    expect(await page.locator('#annual-to-error').textContent()).toBe('截止日期不能早于起始日期');
  });

  it('exports the same table as XLSX: Chinese statuses, dates as dates, autofilter and a 合计 row', async () => {
    await page.goto(`${system.baseUrl}/dashboard/statistics/annual?${year}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出年度统计表（Excel）' }).click(),
    ]);
    const workbook = readXlsx(await readFile((await download.path())!));
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual([
      '年度统计表',
      '按月份',
      '按承办单位',
      '按纠纷类别',
      '按调解员',
    ]);

    const [lines] = workbook.sheets;
    const [header, ...body] = lines!.rows;
    expect(header).toEqual([
      '序号',
      '服务类别',
      '统计项目',
      '计量单位',
      '数值',
      '统计起始日期',
      '统计截止日期',
      '数据状态',
      '统计口径',
    ]);
    expect(lines!.autoFilter).toBe(`A1:I${body.length + 1}`);
    const keys = Object.keys(expected);
    expect(body).toHaveLength(keys.length);
    body.forEach((row, index) => {
      const key = keys[index]!;
      const value = row[4] as number;
      expect(moneyLines.has(key) ? Math.round(value * 100) : value, key).toBe(expected[key]);
      expect(row[5]).toEqual({ date: '2022-01-01' });
      expect(row[6]).toEqual({ date: '2022-12-31' });
      expect(row[7]).toBe('已统计');
    });
    // Words, never codes: no cell anywhere holds a lower-case code like no_source or settled_written.
    for (const sheet of workbook.sheets)
      for (const row of sheet.rows)
        for (const cell of row) if (typeof cell === 'string') expect(cell).not.toMatch(/^[a-z_]+$/);

    const months = workbook.sheets[1]!;
    expect(months.rows.slice(1, 13).map((row) => row[0])).toEqual(
      Array.from({ length: 12 }, (_, index) => ({ date: `2022-${String(index + 1).padStart(2, '0')}-01` })),
    );
    for (const sheet of workbook.sheets.slice(1)) {
      const [head, ...rest] = sheet.rows;
      const totalsRow = rest.at(-1)!;
      expect(sheet.autoFilter).toBe(`A1:${String.fromCharCode(64 + head!.length)}${rest.length}`);
      expect(totalsRow[0]).toBe('合计');
      const received = head!.indexOf('受理矛盾纠纷(件)');
      expect(totalsRow[received], sheet.name).toBe(expected.received);
      expect(sheet.lastRowFormulas[received]).toBe(
        `=SUBTOTAL(109,${String.fromCharCode(65 + received)}2:${String.fromCharCode(65 + received)}${rest.length})`,
      );
      const amount = head!.indexOf('涉及金额(元)');
      expect(Math.round((totalsRow[amount] as number) * 100)).toBe(expected.amountSettled);
      // The groups add up to the total line by line.
      const groupSum = rest.slice(0, -1).reduce((total, row) => total + (row[received] as number), 0);
      expect(groupSum).toBe(expected.received);
    }
    // The statistics workbook beside it names the procuratorates' decisions in words too.
    const [statistics] = await Promise.all([
      page.waitForEvent('download'),
      page.goto(`${system.baseUrl}/dashboard/export/statistics?${year}&format=xlsx`).catch(() => null),
    ]);
    const totalsSheet = readXlsx(await readFile((await statistics.path())!)).sheets[0]!;
    const decisions = totalsSheet.rows[1]![totalsSheet.rows[0]!.indexOf('检察机关决定')];
    expect(decisions).toBe('从宽处理建议:1；不起诉:5；提起公诉:2');

    const byMediator = workbook.sheets[4]!;
    const mediatorHeader = byMediator.rows[0]!;
    const consultationsColumn = mediatorHeader.indexOf('解答法律咨询(人次)');
    const lawyer = byMediator.rows.find((row) => row[0] === '值班律师赵敏') as XlsxCell[];
    expect(lawyer[consultationsColumn]).toBe(expected.consultations);
  });
});
