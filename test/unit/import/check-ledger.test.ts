import { describe, expect, it } from 'vitest';
import { feeSavedByMediationFen } from '../../../domain/court-fees.js';
import { buildImportedCase } from '../../../use-cases/ledger-import/build-imported-case.js';
import { ledgerHeaders } from '../../../use-cases/ledger-import/ledger-columns.js';
import { parseParties, parseYuan } from '../../../use-cases/ledger-import/ledger-values.js';
import { checkLedger } from '../../../use-cases/ledger-import/validate-ledger.js';

const unitId = '6f1d3c1e-2a0b-4c5d-8e9f-0a1b2c3d4e5f';
const context = { units: new Map([['HLBE-CENTRE', unitId]]), today: '2026-06-30' };

/** A ledger with the documented headers and rows given as { header: value }. */
function ledger(...rows: Record<string, string>[]): string[][] {
  return [ledgerHeaders, ...rows.map((row) => ledgerHeaders.map((header) => row[header] ?? ''))];
}

const walkIn = {
  案件编号: '（2022）呼调字第0001号',
  登记日期: '2022/3/5',
  来源: '来访',
  纠纷类别: '邻里纠纷',
  分级: '简易',
  承办单位编码: 'HLBE-CENTRE',
  当事人: '王芳|申请人|150702199001011234|13800001111;李强|被申请人',
  处理结果: '调解成功(书面协议)',
  '协议金额(元)': '8,600.00',
  结案日期: '2022年3月9日',
};

const courtCase = {
  案件编号: 'HLBE-2022-000042',
  登记日期: '2022-04-01',
  来源: '法院委派/委托',
  纠纷类别: '借贷纠纷',
  分级: '一般',
  承办单位编码: 'HLBE-CENTRE',
  当事人: '呼伦贝尔某银行|申请人|91150702MA0N1234XY;张伟|被申请人|150702198001011234',
  '标的额(元)': '100000',
  处理结果: '调解成功（口头协议）',
  '协议金额(元)': '60000',
  结案日期: '2022-04-20',
  法院委派类型: '委派',
  委派法院: '海拉尔区人民法院',
};

describe('checking a legacy ledger', () => {
  it('maps zh labels (full-width or not) and dates in the usual spellings to our codes', () => {
    const { cases, errors } = checkLedger(ledger(walkIn, courtCase), context);
    expect(errors).toEqual([]);
    expect(cases[0]).toMatchObject({
      row: 2,
      ledgerNumber: '（2022）呼调字第0001号',
      registeredOn: '2022-03-05',
      closedOn: '2022-03-09',
      source: 'walk_in',
      category: 'neighbour',
      triageClass: 'simple',
      disposition: 'settled_written',
      agreementAmountFen: 860_000,
      unitId,
      partiesCount: 2,
      summary: '邻里纠纷（历史台账导入）',
      court: null,
      prosecution: null,
      online: false,
    });
    expect(cases[0]!.parties).toEqual([
      {
        kind: 'person',
        name: '王芳',
        role: 'applicant',
        idType: 'resident_id',
        idNumber: '150702199001011234',
        phone: '13800001111',
      },
      { kind: 'person', name: '李强', role: 'respondent' },
    ]);
    expect(cases[1]!.parties[0]).toMatchObject({
      kind: 'organisation',
      idType: 'unified_social_credit_code',
    });
  });

  it('computes the court fee saved from the claim when the ledger leaves it blank (诉讼费用交纳办法)', () => {
    const { cases } = checkLedger(
      ledger(courtCase, { ...courtCase, 案件编号: 'B-2', 法院委派类型: '委托' }),
      context,
    );
    expect(cases[0]!.court).toEqual({
      type: 'delegated',
      courtName: '海拉尔区人民法院',
      feeSavedFen: 230_000,
    });
    expect(cases[1]!.court!.feeSavedFen).toBe(
      feeSavedByMediationFen(10_000_000, { filedBeforeMediation: true, simpleProcedure: false }),
    );
    expect(cases[1]!.court!.feeSavedFen).toBe(115_000);
  });

  it('reports every bad cell of every row with its row number, column and reason', () => {
    const { cases, errors } = checkLedger(
      ledger(
        walkIn,
        { ...walkIn, 案件编号: 'X-2', 来源: '来电', 登记日期: '2022-02-30', 当事人: '王芳|原告' },
        {},
        { ...courtCase, 案件编号: 'X-4', 法院委派类型: '', 承办单位编码: 'NOWHERE', '协议金额(元)': '1.234' },
        { ...walkIn, 处理结果: '调解不成', 结案日期: '2022-03-01', '节约诉讼费(元)': '50' },
        { ...walkIn, 案件编号: 'X-6', 检察院移送: '是', 检察院决定: '不起诉', 线上调解: '也许' },
      ),
      context,
    );
    expect(cases.map((item) => item.row)).toEqual([2]);
    expect(errors).toEqual([
      { row: 3, column: '登记日期', reason: '不存在的日期「2022-02-30」' },
      { row: 3, column: '来源', reason: expect.stringContaining('「来电」不在可选值中：来访、热线') },
      {
        row: 3,
        column: '当事人',
        reason: expect.stringContaining('第1名当事人：角色应为申请人、被申请人、代理人、第三人'),
      },
      { row: 5, column: '承办单位编码', reason: '系统中没有编码为「NOWHERE」的单位' },
      { row: 5, column: '协议金额(元)', reason: '金额应为元，最多两位小数，实为「1.234」' },
      { row: 5, column: '法院委派类型', reason: '法院案件须注明「委派」或「委托」' },
      { row: 6, column: '结案日期', reason: '结案日期2022-03-01早于登记日期2022-03-05' },
      { row: 6, column: '协议金额(元)', reason: '只有调解成功的案件才有协议金额' },
      { row: 6, column: '节约诉讼费(元)', reason: '只有调解成功的法院案件才节约诉讼费' },
      { row: 7, column: '线上调解', reason: '应为「是」或「否」，实为「也许」' },
      { row: 7, column: '检察院移送', reason: '来源不是「检察院移送」，不能标为检察院案件' },
      { row: 7, column: '检察院决定', reason: '只有检察院移送的案件才有检察院决定' },
    ]);
  });

  it('keeps a 研判会日期 between registration and closing, and refuses one outside them', () => {
    const { cases, errors } = checkLedger(
      ledger(
        { ...walkIn, 研判会日期: '2022年3月7日' },
        { ...courtCase, 研判会日期: '2022-03-31' },
        { ...courtCase, 案件编号: 'C-3', 研判会日期: '2022-04-21' },
        { ...courtCase, 案件编号: 'C-4', 研判会日期: '2022-04-31' },
      ),
      context,
    );
    expect(cases.map((item) => [item.row, item.conferenceOn])).toEqual([[2, '2022-03-07']]);
    expect(errors).toEqual([
      { row: 3, column: '研判会日期', reason: '研判会日期2022-03-31早于登记日期2022-04-01' },
      { row: 4, column: '研判会日期', reason: '研判会日期2022-04-21晚于结案日期2022-04-20' },
      { row: 5, column: '研判会日期', reason: '不存在的日期「2022-04-31」' },
    ]);
    expect(checkLedger(ledger(walkIn), context).cases[0]!.conferenceOn).toBeNull();
  });

  it('records an imported conference as its case’s conference_held event on the ledger’s day', () => {
    const { cases } = checkLedger(ledger({ ...walkIn, 研判会日期: '2022-03-07' }, courtCase), context);
    const importContext = {
      batchId: 'b1',
      importedAt: new Date('2026-06-30T02:00:00Z'),
      fileName: 'ledger.csv',
      importer: { kind: 'staff' as const, id: 'admin-1', role: 'admin' as const, unitId: null },
    };
    const withConference = buildImportedCase(cases[0]!, 'HLBE-2022-000001', importContext);
    expect(withConference.eventRows.map((event) => [event.seq, event.type, event.at])).toEqual([
      [1, 'imported', importContext.importedAt],
      // 10:00 China time on the ledger's day.
      [2, 'conference_held', new Date('2022-03-07T02:00:00Z')],
    ]);
    expect(withConference.caseRow.lastSeq).toBe(2);
    const without = buildImportedCase(cases[1]!, 'HLBE-2022-000042', importContext);
    expect(without.eventRows.map((event) => event.type)).toEqual(['imported']);
    expect(without.caseRow.lastSeq).toBe(1);
  });

  it('refuses a case number used twice in the file, on the later row', () => {
    const { errors } = checkLedger(ledger(walkIn, courtCase, walkIn), context);
    expect(errors).toEqual([{ row: 4, column: '案件编号', reason: '案件编号与第2行重复' }]);
  });

  it('names missing required columns and repeated headers before looking at any row', () => {
    const header = ledgerHeaders.filter((name) => name !== '当事人' && name !== '结案日期');
    const { errors } = checkLedger([[...header, '来源'], ['x']], context);
    expect(errors).toEqual([
      { row: 1, column: '来源', reason: '表头「来源」重复' },
      { row: 1, column: '当事人', reason: '缺少必填列「当事人」' },
      { row: 1, column: '结案日期', reason: '缺少必填列「结案日期」' },
    ]);
  });

  it('refuses dates after today and an empty file', () => {
    const { errors } = checkLedger(
      ledger({ ...walkIn, 登记日期: '2027-01-01', 结案日期: '2027-01-02' }),
      context,
    );
    expect(errors.map((error) => error.column)).toEqual(['登记日期', '结案日期']);
    expect(checkLedger([ledgerHeaders], context).errors).toEqual([
      { row: 2, column: '', reason: '没有数据行' },
    ]);
  });
});

describe('ledger cells', () => {
  it('reads yuan into integer fen without floating point', () => {
    expect(parseYuan('0.1')).toEqual({ ok: true, value: 10 });
    expect(parseYuan('1,234,567.89')).toEqual({ ok: true, value: 123_456_789 });
    expect(parseYuan('￥12')).toEqual({ ok: true, value: 1200 });
    expect(parseYuan('12,34').ok).toBe(false);
    expect(parseYuan('-5').ok).toBe(false);
  });

  it('reads parties separated by full-width semicolons and bars too', () => {
    const parsed = parseParties('刘洋｜申请人；陈静|被申请人|X1234567');
    expect(parsed).toEqual({
      ok: true,
      value: [
        { kind: 'person', name: '刘洋', role: 'applicant' },
        { kind: 'person', name: '陈静', role: 'respondent', idNumber: 'X1234567', idType: 'other' },
      ],
    });
  });
});
