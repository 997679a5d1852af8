import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleLedger } from '../../scripts/generate-sample-ledger.js';
import {
  readSampleFile as fixture,
  readSampleTotals,
  type SampleKnownTotals,
} from '../../scripts/sample-ledger/load-through-api.js';
import { computeStatistics } from '../../use-cases/supervision/statistics.js';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

type Tally = SampleKnownTotals['statistics']['byMonth'][string];

const year = { from: '2022-01-01', to: '2022-12-31' };

/** The measures the generator counted, from a report's rows keyed as the generator keys them. */
function tallies<R extends { received: number; settled: number; amountSettledFen: number }>(
  rows: R[],
  keyOf: (row: R) => string,
): Record<string, Tally> {
  return Object.fromEntries(
    rows
      .filter((row) => row.received > 0)
      .map((row) => [
        keyOf(row),
        { received: row.received, settled: row.settled, amountSettledFen: row.amountSettledFen },
      ]),
  );
}

describe('a centre brings its 2022 ledger in from the spreadsheet it kept', () => {
  let system: TestSystem;
  let admin: TestUser;
  let known: SampleKnownTotals;
  let api: ReturnType<typeof caseApi>;
  const unitIds = new Map<string, string>();

  const upload = (bytes: Buffer, query: string, contentType: string) =>
    fetch(`${system.baseUrl}/v1/admin/import?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': contentType },
      body: bytes,
    });

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    admin = await createStaff(system.database.db, 'admin', null);
    known = await readSampleTotals();
    // The centre and its 18 stations exist before their old cases come in.
    for (const unit of known.units) {
      const body = {
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        ...(unit.kind === 'station' ? { parentId: unitIds.get('HLBE-CENTRE') } : {}),
      };
      const created = await api.call('POST', '/v1/admin/units', admin.token, body, 201);
      unitIds.set(unit.code, created.id as string);
    }
  });
  afterAll(() => system?.stop());

  it('checks the XLSX copy without writing anything: every row passes and the totals are the known ones', async () => {
    const response = await upload(
      await fixture('xlsx'),
      'format=xlsx&dryRun=true&fileName=2022年台账.xlsx',
      'application/octet-stream',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { totals: unknown; batchId: string | null; rowCount: number };
    expect(body).toMatchObject({ batchId: null, rowCount: 5_318, totals: known.ledger });
    const [{ n }] = (await system.database.sql`select count(*)::int as n from cases`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('imports the 1.6 MB CSV (over the API’s usual 1 MiB) as 5,318 archived cases with no workflows', async () => {
    const csv = await fixture('csv');
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const response = await upload(csv, 'fileName=2022年台账.csv', 'text/csv; charset=utf-8');
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(body).slice(0, 500)).toBe(201);
    expect(body).toMatchObject({
      rowCount: 5_318,
      format: 'csv',
      dryRun: false,
      totals: known.ledger,
      renumbered: [],
    });

    const [counts] = await system.database.sql`
      select count(*)::int as cases,
             count(*) filter (where origin = 'import' and stage = 'archived' and workflow_id like 'import:%')::int as archived,
             (select count(*)::int from parties) as parties,
             (select count(*)::int from case_events where type = 'imported') as events,
             (select count(*)::int from case_events where type = 'conference_held'
                 and (at at time zone 'Asia/Shanghai')::time = '10:00') as conferences,
             (select row_count from import_batches) as batch_rows
        from cases`;
    expect(counts).toEqual({
      cases: 5_318,
      archived: 5_318,
      parties: 10_599,
      events: 5_318,
      // One per row with a 研判会日期, on that day at 10:00 China time.
      conferences: generateSampleLedger().filter((entry) => entry.conferenceOn !== null).length,
      batch_rows: 5_318,
    });
    const [open] = await system.database.sql`select count(*)::int as n from case_deadlines`;
    expect(open!.n).toBe(0);

    // An imported case reads like any other, with its state shaped as the workflow's CaseView.
    const first = await api.read(admin.token, 'HLBE-2022-000001');
    // Its ledger row has a 研判会日期: the conference is its second event.
    expect(first).toMatchObject({ stage: 'archived', source: 'court', deadlines: [], seq: 2 });
    const events = await api.call('GET', '/v1/cases/HLBE-2022-000001/events', admin.token, undefined, 200);
    expect((events.items as { type: string }[]).map((event) => event.type)).toEqual([
      'imported',
      'conference_held',
    ]);
    const second = await api.read(admin.token, 'HLBE-2022-000002');
    expect(second).toMatchObject({ stage: 'archived', seq: 1 });
  });

  it('gives the year’s statistics exactly: computeStatistics and GET /v1/statistics match the known totals', async () => {
    const report = await computeStatistics(system.database.db, 'all', year);
    expect(report.totals).toMatchObject(known.statistics.totals);
    expect(report.totals).toMatchObject({
      peopleServed: 10_599,
      settled: 5_125,
      amountSettledFen: 18_300_000_000,
      courtSettled: 1_463,
      courtFeeSavedFen: 499_000_000,
      prosecutionReceived: 8,
      prosecutionSettled: 6,
      prosecutionAmountFen: 17_600_000,
    });
    expect(tallies(report.byMonth, (row) => row.month)).toEqual(known.statistics.byMonth);
    expect(tallies(report.byCategory, (row) => row.category ?? '')).toEqual(known.statistics.byCategory);
    expect(tallies(report.bySource, (row) => row.source)).toEqual(known.statistics.bySource);
    const codeOf = new Map([...unitIds].map(([code, id]) => [id, code]));
    expect(tallies(report.byUnit, (row) => codeOf.get(row.unitId ?? '') ?? '')).toEqual(
      known.statistics.byUnit,
    );

    const overHttp = await api.call(
      'GET',
      `/v1/statistics?from=${year.from}&to=${year.to}`,
      admin.token,
      undefined,
      200,
    );
    expect(overHttp.totals).toEqual(report.totals);

    // A supervisor of the centre sees the same year: the stations are below the centre.
    const supervisor = await createStaff(system.database.db, 'supervisor', unitIds.get('HLBE-CENTRE')!);
    const theirs = await api.call(
      'GET',
      `/v1/statistics?from=${year.from}&to=${year.to}`,
      supervisor.token,
      undefined,
      200,
    );
    expect(theirs.totals).toMatchObject(known.statistics.totals);
  });

  it('does not import the same file twice', async () => {
    const response = await upload(await fixture('csv'), 'format=csv', 'text/csv');
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      code: 'ledger_already_imported',
      batchId: expect.any(String),
    });
    const [{ n }] = (await system.database.sql`select count(*)::int as n from cases`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(5_318);
  });
});
