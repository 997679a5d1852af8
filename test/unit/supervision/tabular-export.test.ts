import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../../http/download.js';
import { describeParties } from '../../../use-cases/supervision/ledger.js';
import { monthsBetween } from '../../../use-cases/supervision/statistics.js';
import {
  csvField,
  csvLine,
  csvStream,
  periodName,
  xlsxStream,
  yuan,
} from '../../../use-cases/supervision/tabular-export.js';

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe('CSV fields', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('王芳')).toBe('王芳');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"明"')).toBe('"说""明"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField(null)).toBe('');
    expect(csvField(86.5)).toBe('86.5');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('keeps a cell from being read as a formula, but leaves signed numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField('-12.50')).toBe('-12.50');
  });
});

describe('downloads', () => {
  it('names the file in zh-CN with an ASCII fallback (RFC 5987)', () => {
    expect(contentDisposition('案件台账-2026-01-01至2026-01-31.csv', 'case-ledger.csv')).toBe(
      `attachment; filename="case-ledger.csv"; filename*=UTF-8''${encodeURIComponent('案件台账-2026-01-01至2026-01-31.csv')}`,
    );
    expect(contentDisposition("a'(b).csv", 'a"b.csv')).toBe(
      `attachment; filename="a_b.csv"; filename*=UTF-8''a%27%28b%29.csv`,
    );
  });

  it('names the period', () => {
    expect(periodName('2026-01-01', '2026-01-31', '2026-02-03')).toBe('2026-01-01至2026-01-31');
    expect(periodName('2026-01-01', undefined, '2026-02-03')).toBe('2026-01-01起');
    expect(periodName(undefined, '2026-01-31', '2026-02-03')).toBe('截至2026-01-31');
    expect(periodName(undefined, undefined, '2026-02-03')).toBe('2026-02-03');
  });

  it('streams a CSV with a byte-order mark, page by page', async () => {
    async function* pages() {
      yield [{ n: 1 }, { n: 2 }];
      yield [{ n: 3 }];
    }
    const bytes = await bytesOf(
      csvStream({
        name: 't',
        columns: [{ header: '序号', value: (row: { n: number }) => row.n }],
        pages: pages(),
      }),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('序号\r\n1\r\n2\r\n3\r\n');
  });

  it('streams an XLSX that exceljs reads back', async () => {
    const bytes = await bytesOf(
      xlsxStream([
        {
          name: '案件台账',
          columns: [
            { header: '案件编号', value: (row: { no: string; fen: number }) => row.no },
            {
              header: '标的额(元)',
              value: (row: { no: string; fen: number }) => yuan(row.fen),
              numberFormat: '0.00',
            },
          ],
          pages: [[{ no: 'HLBE-2026-000001', fen: 860_050 }]],
        },
      ]),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const sheet = workbook.getWorksheet('案件台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['案件编号', '标的额(元)']);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['HLBE-2026-000001', 8600.5]);
  });
});

describe('ledger and statistics helpers', () => {
  it('describes the parties with their roles and whatever contact details are given', () => {
    expect(
      describeParties([
        { name: '王芳', role: 'applicant', idNumber: '150702********1234', phone: '138****1111' },
        { name: '安居物业', role: 'respondent', idNumber: null, phone: null },
      ]),
    ).toBe('王芳（申请人，证件号150702********1234，电话138****1111）；安居物业（被申请人）');
  });

  it('lists every month of a period', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
    expect(monthsBetween('2000-01-01', '2030-01-01')).toHaveLength(120);
  });

  it('turns fen into yuan', () => {
    expect(yuan(183_000_000_00)).toBe(183_000_000);
    expect(yuan(1)).toBe(0.01);
    expect(yuan(null)).toBeNull();
  });
});
