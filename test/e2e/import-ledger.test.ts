import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupDigest } from '../../lib/lookup-digest.js';
import { ledgerHeaders } from '../../use-cases/ledger-import/ledger-columns.js';
import { formatCsv } from '../../use-cases/ledger-import/parse-csv.js';
import { caseApi } from '../helpers/case-api.js';
import { testLookupHashKey } from '../helpers/lookup-key.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

function ledger(...rows: Record<string, string>[]): string {
  return formatCsv([ledgerHeaders, ...rows.map((row) => ledgerHeaders.map((header) => row[header] ?? ''))]);
}

describe('importing a legacy ledger: all rows or none', () => {
  let system: TestSystem;
  let admin: TestUser;
  let supervisor: TestUser;
  let clerk: TestUser;
  let unitCode: string;
  let api: ReturnType<typeof caseApi>;

  const row = (overrides: Record<string, string> = {}) => ({
    案件编号: '（2021）海调字第0001号',
    登记日期: '2021-06-01',
    来源: '来访',
    纠纷类别: '婚姻家庭纠纷',
    分级: '一般',
    案情摘要: '离婚后子女抚养费给付纠纷',
    承办单位编码: unitCode,
    调解员: '乌兰',
    当事人: '刘洋|申请人|150702199001011234|13800001111;陈静|被申请人',
    处理结果: '调解成功（书面协议）',
    '协议金额(元)': '12000',
    结案日期: '2021-06-15',
    ...overrides,
  });

  const upload = (
    body: string | Buffer,
    query = 'format=csv',
    credential = admin.token,
    contentType = 'text/csv',
  ) =>
    fetch(`${system.baseUrl}/v1/admin/import?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': contentType },
      body,
    });
  const countCases = async () =>
    ((await system.database.sql`select count(*)::int as n from cases`) as unknown as [{ n: number }])[0].n;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const unit = await createUnit(system.database.db);
    const [{ code }] = (await system.database
      .sql`select code from units where id = ${unit.id}`) as unknown as [{ code: string }];
    unitCode = code;
    [admin, supervisor, clerk] = await Promise.all([
      createStaff(system.database.db, 'admin', null),
      createStaff(system.database.db, 'supervisor', unit.id),
      createStaff(system.database.db, 'clerk', unit.id),
    ]);
  });
  afterAll(() => system?.stop());

  it('is for admins only', async () => {
    expect((await upload(ledger(row()), 'format=csv', supervisor.token)).status).toBe(403);
    expect((await upload(ledger(row()), 'format=csv', 'nonsense')).status).toBe(401);
  });

  it('is documented with its column set and its access rule', async () => {
    const document = (await (await system.request('GET', '/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { 'x-access'?: string[]; description?: string; requestBody?: unknown }>
      >;
    };
    const route = document.paths['/v1/admin/import']?.post;
    expect(route?.['x-access']).toEqual(['admin']);
    for (const header of ledgerHeaders) expect(route?.description).toContain(`| ${header} |`);
    expect(JSON.stringify(route?.requestBody)).toContain('text/csv');
  });

  it('refuses a file with any bad row, naming each row, column and reason, and writes nothing', async () => {
    const response = await upload(
      ledger(
        row(),
        row({ 案件编号: 'B-2', 来源: '来电', 结案日期: '2021-05-01' }),
        row({ 案件编号: 'B-3', 承办单位编码: 'NO-SUCH-UNIT', 当事人: '' }),
      ),
    );
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { code: string; errorCount: number; errors: unknown[] };
    expect(problem).toMatchObject({ code: 'ledger_invalid', status: 422, errorCount: 4 });
    expect(problem.errors).toEqual([
      {
        field: 'row 3: 来源',
        row: 3,
        column: '来源',
        reason: expect.stringContaining('「来电」不在可选值中'),
      },
      {
        field: 'row 3: 结案日期',
        row: 3,
        column: '结案日期',
        reason: '结案日期2021-05-01早于登记日期2021-06-01',
      },
      {
        field: 'row 4: 承办单位编码',
        row: 4,
        column: '承办单位编码',
        reason: '系统中没有编码为「NO-SUCH-UNIT」的单位',
      },
      { field: 'row 4: 当事人', row: 4, column: '当事人', reason: '必填' },
    ]);
    expect(await countCases()).toBe(0);
    const [{ n }] = (await system.database.sql`select count(*)::int as n from import_batches`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('says what it cannot read at all', async () => {
    expect((await upload('a,b\n', 'format=xlsx')).status).toBe(422);
    const unsupported = await upload('a,b\n', '', admin.token, 'application/json');
    expect(unsupported.status).toBe(415);
    expect(await upload(Buffer.from([0xff, 0xfe, 0x41]), 'format=csv').then((r) => r.json())).toMatchObject({
      code: 'ledger_unreadable',
      detail: expect.stringContaining('UTF-8'),
    });
  });

  it('numbers legacy rows from the allocator and keeps numbers in our format; the allocator then skips past them', async () => {
    const response = await upload(
      ledger(
        row(),
        row({ 案件编号: 'HLBE-2021-000500', 当事人: '王芳|申请人' }),
        row({
          案件编号: '（2021）海调字第0002号',
          登记日期: '2021-12-31',
          结案日期: '2022-01-04',
          处理结果: '调解不成',
          '协议金额(元)': '',
        }),
      ),
      'format=csv&fileName=海拉尔2021.csv',
    );
    const body = (await response.json()) as {
      renumbered: { row: number; ledgerNumber: string; caseNumber: string }[];
    };
    expect(response.status, JSON.stringify(body)).toBe(201);
    const prefix = system.caseNumberPrefix;
    expect(body.renumbered).toEqual([
      { row: 2, ledgerNumber: '（2021）海调字第0001号', caseNumber: `${prefix}-2021-000001` },
      { row: 4, ledgerNumber: '（2021）海调字第0002号', caseNumber: `${prefix}-2021-000002` },
    ]);
    const kept = await api.read(admin.token, 'HLBE-2021-000500');
    expect(kept).toMatchObject({ stage: 'archived', disposition: 'settled_written', amountFen: 1_200_000 });
    const [counter] = await system.database
      .sql`select last_value from case_number_counters where prefix = 'HLBE' and year = 2021`;
    expect(counter!.last_value).toBe(500);

    // The imported case keeps what the ledger said about it, and a supervisor sees it in the list.
    const [stored] = await system.database
      .sql`select state->'imported' as imported, registered_at, closed_at from cases where case_number = ${`${prefix}-2021-000002`}`;
    expect(stored!.imported).toMatchObject({
      ledgerNumber: '（2021）海调字第0002号',
      row: 4,
      mediatorName: '乌兰',
    });
    expect(new Date(stored!.registered_at as string).toISOString()).toBe('2021-12-31T01:00:00.000Z');
    const listed = await api.call('GET', '/v1/cases?stage=archived', supervisor.token, undefined, 200);
    expect((listed.items as unknown[]).length).toBe(3);
    // Imported parties are in the look-up index like registered ones: 刘洋's ID number and phone, per case.
    const digests = await system.database.sql`
      select d.kind, d.digest from party_lookup_digests d join parties p
        on p.case_number = d.case_number and p.ordinal = d.ordinal
      where p.name = '刘洋' and d.case_number = ${`${prefix}-2021-000001`} order by d.kind`;
    expect(digests.map((digest) => [digest.kind, digest.digest])).toEqual([
      ['id_number', lookupDigest(testLookupHashKey, 'id_number', '150702199001011234')],
      ['phone', lookupDigest(testLookupHashKey, 'phone', '13800001111')],
    ]);
  });

  it('does not duplicate: the same file is a 409 naming the batch, an overlapping one a 409 naming the rows', async () => {
    const again = await upload(
      ledger(
        row(),
        row({ 案件编号: 'HLBE-2021-000500', 当事人: '王芳|申请人' }),
        row({
          案件编号: '（2021）海调字第0002号',
          登记日期: '2021-12-31',
          结案日期: '2022-01-04',
          处理结果: '调解不成',
          '协议金额(元)': '',
        }),
      ),
    );
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'ledger_already_imported' });

    const overlapping = await upload(
      ledger(row({ 案件编号: 'C-1' }), row({ 案件编号: 'HLBE-2021-000500' }), row()),
    );
    expect(overlapping.status).toBe(409);
    const problem = (await overlapping.json()) as { code: string; errors: { row: number; reason: string }[] };
    expect(problem.code).toBe('ledger_cases_exist');
    expect(problem.errors.map((error) => error.row)).toEqual([3, 4]);
    expect(problem.errors[1]!.reason).toContain(`${system.caseNumberPrefix}-2021-000001`);
    expect(await countCases()).toBe(3);
  });

  it('lets only the import take a large body: every other route keeps its 1 MiB limit', async () => {
    const large = `{"summary":"${'x'.repeat(1024 * 1024)}"}`;
    const response = await fetch(`${system.baseUrl}/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk.token}`, 'content-type': 'application/json' },
      body: large,
    });
    expect(response.status).toBe(413);
    const tooLarge = await upload(Buffer.alloc(21 * 1024 * 1024, 0x41));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({
      code: 'payload_too_large',
      detail: 'The limit is 20 MiB.',
    });
  });
});
