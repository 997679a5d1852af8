import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  type IRunOptions,
  LineRuleType,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

/**
 * The official layout (GB/T 9704-2012《党政机关公文格式》, which centres and courts follow for their
 * documents where it applies): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, so the
 * text block is 156 × 225 mm; title in 小标宋/宋体 二号; body in 仿宋_GB2312 三号, 22 lines of 28
 * characters; first-level headings in 黑体; page numbers in 宋体 四号 as “— 1 —”, odd pages on the
 * right and even pages on the left, one character in from the edge.
 */
const points = { 二号: 22, 三号: 16, 四号: 14 } as const;
const halfPoints = (size: number) => size * 2;
const bodyCharacterTwips = points.三号 * 20;
/** 225 mm of text block over 22 lines: 28.95 pt a line (the well-known 固定值 28.95 磅). */
const bodyLineTwips = 579;
/** 210 − 28 − 26 = 156 mm of text block width. */
const textBlockTwips = convertMillimetersToTwip(156);

export const fonts = {
  title: '宋体',
  body: '仿宋_GB2312',
  heading: '黑体',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

function font(eastAsia: string) {
  return { ascii: fonts.latin, hAnsi: fonts.latin, eastAsia };
}

type Block = Paragraph | Table;

/**
 * Characters XML 1.0 does not allow (control characters but tab and line breaks, U+FFFE/U+FFFF, lone
 * surrogates): PostgreSQL stores them, and one in a party's name would make the whole file unreadable
 * to Word. Every text that enters a document passes here; they are dropped.
 */
const notInXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
function printable(text: string): string {
  return text.replace(notInXml, '');
}

/** A whole document in the official layout, with page numbers. */
export function officialDocument(title: string, children: Block[]): Document {
  const margin = (millimetres: number) => convertMillimetersToTwip(millimetres);
  return new Document({
    title,
    creator: 'feisutong',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(fonts.body), size: halfPoints(points.三号), language: { eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: bodyLineTwips, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: margin(210), height: margin(297) },
            margin: {
              top: margin(37),
              bottom: margin(35),
              left: margin(28),
              right: margin(26),
              // The page number's rule sits 7 mm under the text block.
              footer: margin(21),
              header: margin(15),
            },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const indent = halfPoints(points.四号) * 10; // one 四号 character, in twips
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: indent } : { left: indent },
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [
          new TextRun({
            font: font(fonts.pageNumber),
            size: halfPoints(points.四号),
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
    ],
  });
}

/** The title: 宋体 二号 bold, centred, with a blank line after. */
export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, after: bodyLineTwips / 2 },
    children: [
      new TextRun({
        text: printable(text),
        font: font(fonts.title),
        size: halfPoints(points.二号),
        bold: true,
      }),
    ],
  });
}

/** The document number under the title, flush right: （2026）海人调字第123号. */
export function documentNumberLine(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(printable(text))] });
}

/** 一、当事人基本情况: 黑体, indented two characters like the body, never alone at the foot of a page. */
export function heading(text: string): Paragraph {
  return new Paragraph({
    keepNext: true,
    indent: { firstLine: 2 * bodyCharacterTwips },
    children: [new TextRun({ text: printable(text), font: font(fonts.heading) })],
  });
}

export type Runs = (string | IRunOptions)[];

function runsOf(content: string | Runs): TextRun[] {
  const list = typeof content === 'string' ? [content] : content;
  return list.map(
    (entry) =>
      new TextRun(
        typeof entry === 'string'
          ? { text: printable(entry) }
          : { ...entry, ...(entry.text === undefined ? {} : { text: printable(entry.text) }) },
      ),
  );
}

/**
 * A body paragraph: justified, first line indented two characters. `keepNext` keeps it on the page of
 * what follows (the last lines before the signatures, so a signature page never stands alone).
 */
export function body(content: string | Runs, options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    keepNext: options.keepNext,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 2 * bodyCharacterTwips },
    children: runsOf(content),
  });
}

/** Free text someone typed: one body paragraph per line; a placeholder line when empty. */
export function bodyText(text: string | null | undefined, whenEmpty = '（无）'): Paragraph[] {
  const lines = (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return (lines.length > 0 ? lines : [whenEmpty]).map((line) => body(line));
}

/** A label and its value, the label bold: 时间：2026年12月2日9时. */
export function field(label: string, value: string): Paragraph {
  return body([{ text: `${label}：`, bold: true }, value]);
}

export function blankLine(options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ keepNext: options.keepNext, children: [] });
}

/** A line flush right, four characters in (GB/T 9704: 成文日期右空四字), e.g. the seal's place and the date. */
export function rightLine(content: string | Runs): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    indent: { right: 4 * bodyCharacterTwips },
    children: runsOf(content),
  });
}

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

/** A line flush left with no indent: the addressee after 此致, or a salutation (XX人民法院：). */
export function flushLeft(content: string | Runs): Paragraph {
  return new Paragraph({ children: runsOf(content) });
}

/** 此致 / addressee, as a letter closes. */
export function closingTo(addressee: string): Paragraph[] {
  return [body('此致', { keepNext: true }), new Paragraph({ keepNext: true, children: runsOf(addressee) })];
}

/** 附：1. …; the following items aligned under the first (after 附：). */
export function attachments(items: string[]): Paragraph[] {
  return items.map(
    (item, index) =>
      new Paragraph({
        indent: index === 0 ? { firstLine: 2 * bodyCharacterTwips } : { left: 4 * bodyCharacterTwips },
        children: [new TextRun(printable(`${index === 0 ? '附：' : ''}${index + 1}. ${item}`))],
      }),
  );
}
