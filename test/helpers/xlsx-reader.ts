import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type XlsxCell = string | number | boolean | null | { date: string };

export interface XlsxReading {
  sheets: {
    name: string;
    autoFilter: string | null;
    rows: XlsxCell[][];
    lastRowFormulas: (string | null)[];
  }[];
}

/** A Python 3 with openpyxl: $PYTHON, `python3`, then Debian's /usr/bin/python3 (python3-openpyxl). */
function pythonWithOpenpyxl(): string {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['-c', 'import openpyxl'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next
    }
  }
  throw new Error(
    `No Python 3 with openpyxl among ${candidates.join(', ')}: apt-get install python3-openpyxl`,
  );
}

let python: string | undefined;

/** Opens the bytes with openpyxl (another implementation than the exceljs that wrote them). */
export function readXlsx(bytes: Uint8Array): XlsxReading {
  python ??= pythonWithOpenpyxl();
  const folder = mkdtempSync(join(tmpdir(), 'feisutong-xlsx-'));
  try {
    const file = join(folder, 'workbook.xlsx');
    writeFileSync(file, bytes);
    const output = execFileSync(python, [join(import.meta.dirname, 'read-xlsx.py'), file], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(output) as XlsxReading;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
