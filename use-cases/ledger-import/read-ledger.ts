import ExcelJS from 'exceljs';
import { CsvSyntaxError, parseCsv } from './parse-csv.js';

export type LedgerFormat = 'csv' | 'xlsx';

/** The file could not be read as a table at all (not a row-level error). */
export class UnreadableLedgerError extends Error {
  constructor(readonly reasonZh: string) {
    super(reasonZh);
  }
}

/** A number cell as people typed it: integers as such, decimals without binary noise (0.1 + 0.2). */
function numberText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

/** A date cell is a calendar day: exceljs gives it as midnight UTC of that day. */
function dateText(value: Date): string {
  return value.toISOString().slice(0, 10);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return '';
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  return '';
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new UnreadableLedgerError('不是有效的 XLSX 文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableLedgerError('XLSX 文件中没有工作表');
  const records: string[][] = [];
  const width = sheet.columnCount;
  // Row numbers are kept: an empty row in the middle still counts, so errors name the row Excel shows.
  for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.getRow(rowNumber);
    const cells: string[] = [];
    for (let column = 1; column <= width; column += 1) cells.push(cellText(row.getCell(column).value).trim());
    records.push(cells);
  }
  return records;
}

function readCsv(bytes: Uint8Array): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableLedgerError('CSV 文件须为 UTF-8 编码（Excel：另存为「CSV UTF-8」）');
  }
  try {
    return parseCsv(text).map((record) => record.map((cell) => cell.trim()));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new UnreadableLedgerError(`CSV 格式错误：第${error.line}行`);
    throw error;
  }
}

/** The ledger as rows of text cells; row 1 is the header row. */
export async function readLedger(bytes: Uint8Array, format: LedgerFormat): Promise<string[][]> {
  return format === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}
