/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF, fields in double quotes may hold
 * commas, line breaks and doubled quotes. A leading UTF-8 byte order mark (Excel writes one) is dropped.
 * Every value stays a string: ID numbers and case numbers must not become numbers or dates.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    // A blank line stays a record of one empty field, so record numbers stay the rows Excel shows.
    records.push(record);
    record = [];
  };
  while (i < input.length) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = input[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(line, 'a quoted field must end at a comma or the end of the line');
        }
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new CsvSyntaxError(line, 'a quoted field is not closed');
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(records: readonly (readonly string[])[]): string {
  return `\ufeff${records.map((record) => record.map(csvField).join(',')).join('\r\n')}\r\n`;
}
