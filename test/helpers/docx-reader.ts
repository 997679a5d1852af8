import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What python-docx reads from a generated document (test/helpers/read-docx.py). */
export interface DocxReading {
  title: string;
  defaultEastAsiaFont: string | null;
  defaultSizePt: number | null;
  /** The body's line spacing (w:docDefaults): twips and rule (`exact`, `auto` …). */
  defaultLineSpacing: { twips: number; rule: string | null } | null;
  paragraphs: {
    text: string;
    alignment: string | null;
    eastAsiaFonts: string[];
    sizesPt: number[];
    bold: boolean;
  }[];
  tables: string[][][];
  sections: {
    pageWidthMm: number;
    pageHeightMm: number;
    topMm: number;
    bottomMm: number;
    leftMm: number;
    rightMm: number;
    footers: { text: string; pageField: boolean }[];
  }[];
}

/**
 * A Python 3 that has python-docx: $PYTHON, then `python3`, then Debian's /usr/bin/python3 (python3-docx;
 * a pyenv shim first on the PATH may lack it). None: the test fails saying what to install.
 */
function pythonWithDocx(): string {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['-c', 'import docx'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next
    }
  }
  throw new Error(
    `No Python 3 with python-docx among ${candidates.join(', ')}: install python3-docx (Debian) or pip install python-docx`,
  );
}

let python: string | undefined;

/** Opens the bytes with python-docx and returns what it read. */
export function readDocx(bytes: Uint8Array): DocxReading {
  python ??= pythonWithDocx();
  const folder = mkdtempSync(join(tmpdir(), 'feisutong-docx-'));
  try {
    const file = join(folder, 'document.docx');
    writeFileSync(file, bytes);
    const output = execFileSync(python, [join(import.meta.dirname, 'read-docx.py'), file], {
      encoding: 'utf8',
    });
    return JSON.parse(output) as DocxReading;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Every paragraph's and table cell's text, one per line: what a reader of the document sees. */
export function allText(reading: DocxReading): string {
  return [...reading.paragraphs.map((paragraph) => paragraph.text), ...reading.tables.flat(2)].join('\n');
}
