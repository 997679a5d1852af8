import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Spreadsheet exports (CSV and XLSX) written as streams: rows arrive page by page from an async
 * iterable and leave as bytes, so a province's ledger never sits in memory at once.
 */

/** A Date is a calendar day (midnight UTC of that day): a date cell in XLSX, YYYY-MM-DD in CSV. */
export type CellValue = string | number | Date | null;

export interface Column<T> {
  /** zh-CN header. */
  header: string;
  value(row: T): CellValue;
  /** XLSX column width in characters. */
  width?: number;
  /** XLSX number format, e.g. '0.00' for yuan. */
  numberFormat?: string;
  /** Summed in the XLSX totals row (a SUBTOTAL formula, so it follows the autofilter). */
  total?: boolean;
}

export interface Sheet<T> {
  name: string;
  columns: readonly Column<T>[];
  /** Pages of rows, in order. */
  pages: AsyncIterable<readonly T[]> | Iterable<readonly T[]>;
  /** XLSX: an autofilter over the header row. */
  autoFilter?: boolean;
  /** XLSX: a last row with this label in the first column and the sums of the `total` columns. */
  totalsLabel?: string;
}

const byteOrderMark = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text cell that a
 * spreadsheet would read as a formula (= + - @ followed by something other than a number) is prefixed
 * with an apostrophe, so an exported ledger cannot carry a formula into Excel.
 */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d[\d.,]*$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

async function* csvChunks<T>(sheet: Sheet<T>): AsyncGenerator<string> {
  yield byteOrderMark + csvLine(sheet.columns.map((column) => column.header));
  for await (const page of sheet.pages) {
    let chunk = '';
    for (const row of page) chunk += csvLine(sheet.columns.map((column) => column.value(row)));
    if (chunk) yield chunk;
  }
}

/** A UTF-8 CSV with a byte-order mark (so Excel reads the Chinese right) and CRLF line ends. */
export function csvStream<T>(sheet: Sheet<T>): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.from(csvChunks(sheet), { objectMode: false })) as ReadableStream<Uint8Array>;
}

/** An XLSX workbook with one worksheet per sheet, written by exceljs's streaming writer. */
export function xlsxStream<T>(sheets: readonly Sheet<T>[]): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'feisutong 飞速通';
  workbook.created = new Date();
  (async () => {
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      worksheet.columns = sheet.columns.map((column, index) => ({
        header: column.header,
        key: `c${index}`,
        width: column.width ?? Math.max(10, column.header.length * 2 + 2),
        ...(column.numberFormat ? { style: { numFmt: column.numberFormat } } : {}),
      }));
      worksheet.getRow(1).font = { bold: true };
      const sums = sheet.columns.map(() => 0);
      let rows = 0;
      for await (const page of sheet.pages) {
        for (const row of page) {
          const values = sheet.columns.map((column) => column.value(row));
          values.forEach((value, index) => {
            if (typeof value === 'number') sums[index]! += value;
          });
          rows += 1;
          worksheet.addRow(values).commit();
        }
      }
      const lastColumn = columnLetter(sheet.columns.length);
      if (sheet.autoFilter) worksheet.autoFilter = `A1:${lastColumn}${rows + 1}`;
      if (sheet.totalsLabel !== undefined) {
        const totals = worksheet.addRow(
          sheet.columns.map((column, index) => {
            if (index === 0) return sheet.totalsLabel;
            if (!column.total) return null;
            const letter = columnLetter(index + 1);
            // SUBTOTAL(109, …) sums only the rows the autofilter shows; the result is cached for readers.
            return {
              formula: `SUBTOTAL(109,${letter}2:${letter}${rows + 1})`,
              result: Math.round(sums[index]! * 100) / 100,
            };
          }),
        );
        totals.font = { bold: true };
        totals.commit();
      }
      worksheet.commit();
    }
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error as Error));
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/** A, B, … Z, AA, …: the spreadsheet name of a 1-based column. */
export function columnLetter(column: number): string {
  let name = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

/** Fen as yuan with two decimals (a number, so a spreadsheet can add it up). */
export function yuan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : Math.round(fen) / 100;
}

/** 2026-01-01至2026-01-31, or the export day when the period is open-ended. */
export function periodName(from: string | undefined, to: string | undefined, today: string): string {
  if (from && to) return `${from}至${to}`;
  if (from) return `${from}起`;
  if (to) return `截至${to}`;
  return today;
}
