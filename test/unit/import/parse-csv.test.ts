import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsv, parseCsv } from '../../../use-cases/ledger-import/parse-csv.js';

describe('CSV as Excel writes it (RFC 4180)', () => {
  it('reads quoted commas, doubled quotes, line breaks in a field, CRLF and the byte order mark', () => {
    const text = '\ufeff案件编号,案情摘要\r\nA-1,"楼上漏水, 墙面受损"\r\nA-2,"他说""不赔""\n后又同意"\r\n';
    expect(parseCsv(text)).toEqual([
      ['案件编号', '案情摘要'],
      ['A-1', '楼上漏水, 墙面受损'],
      ['A-2', '他说"不赔"\n后又同意'],
    ]);
  });

  it('keeps a blank line as an empty record, so record numbers stay the rows Excel shows', () => {
    expect(parseCsv('a,b\n\nc,d')).toEqual([['a', 'b'], [''], ['c', 'd']]);
  });

  it('keeps every value as text: ID numbers and leading zeros survive', () => {
    expect(parseCsv('150702199001011234,000123,1.50')).toEqual([['150702199001011234', '000123', '1.50']]);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsv('a,b\n"open,c\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,"b"x\n')).toThrow(/line 1/);
  });

  it('writes what it reads', () => {
    const records = [
      ['当事人', '金额'],
      ['王芳|申请人|150702199001011234|13800001111;李强|被申请人||', '8,600.00'],
      ['say "hi"', ''],
    ];
    const text = formatCsv(records);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(parseCsv(text)).toEqual(records);
  });
});
