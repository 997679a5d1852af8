import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  bodyCharacterTwips,
  bodyLineTwips,
  halfPoints,
  points,
  printable,
  textBlockTwips,
} from './layout-measures.js';

const noBorder = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = {
  top: noBorder,
  bottom: noBorder,
  left: noBorder,
  right: noBorder,
  insideHorizontal: noBorder,
  insideVertical: noBorder,
};

export type SignatureCell = string | string[];

/** The seal's place and the date, for the last cell of a signature block. */
export interface SealPlace {
  issuer: string;
  date: string;
}

/**
 * Signature lines in two columns without borders, each with room to sign beneath; a cell may hold
 * several lines. With a seal, the last row has the seal's place and the date on the right
 * (XX人民调解委员会（印章）/ 2026年12月2日), so the signatures, the seal and the date stay on one page
 * (rows do not split and each row keeps with the next).
 */
export function signatureLines(cells: SignatureCell[], seal?: SealPlace): Table {
  const lines = cells.map((cell) => (typeof cell === 'string' ? [cell] : cell));
  const rows: { cells: string[][]; alignRight?: boolean }[] = [];
  for (let index = 0; index < lines.length; index += 2) {
    rows.push({ cells: [lines[index]!, lines[index + 1] ?? []] });
  }
  if (seal) rows.push({ cells: [['', `${seal.issuer}（印章）`, '', seal.date]], alignRight: true });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [50, 50].map((percent) => (textBlockTwips * percent) / 100),
    borders: noBorders,
    rows: rows.map(
      (row, index) =>
        new TableRow({
          cantSplit: true,
          height: { value: 3 * bodyLineTwips, rule: 'atLeast' },
          children: row.cells.map(
            (texts) =>
              new TableCell({
                columnSpan: row.cells.length === 1 ? 2 : 1,
                width: { size: row.cells.length === 1 ? 100 : 50, type: WidthType.PERCENTAGE },
                borders: noBorders,
                children: (texts.length > 0 ? texts : ['']).map(
                  (text) =>
                    new Paragraph({
                      keepNext: index < rows.length - 1,
                      alignment: row.alignRight ? AlignmentType.RIGHT : AlignmentType.LEFT,
                      indent: row.alignRight ? { right: 4 * bodyCharacterTwips } : undefined,
                      children: text ? [new TextRun(printable(text))] : [],
                    }),
                ),
              }),
          ),
        }),
    ),
  });
}

/** A ruled table (the list of materials): header row bold and centred. */
export function ruledTable(header: string[], rows: string[][], widths: number[]): Table {
  const line = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const borders = {
    top: line,
    bottom: line,
    left: line,
    right: line,
    insideHorizontal: line,
    insideVertical: line,
  };
  const cell = (text: string, index: number, bold = false) =>
    new TableCell({
      width: { size: widths[index]!, type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          // The list stays on one page with what follows it (the seal and the date).
          keepNext: true,
          spacing: { line: 400, lineRule: LineRuleType.EXACT },
          alignment: bold || index === 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: printable(text), bold, size: halfPoints(points.四号) })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((text, index) => cell(text, index, true)),
      }),
      ...rows.map(
        (row) => new TableRow({ cantSplit: true, children: row.map((text, index) => cell(text, index)) }),
      ),
    ],
  });
}
