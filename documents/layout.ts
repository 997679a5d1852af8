import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  Footer,
  type IRunOptions,
  LineRuleType,
  PageNumber,
  Paragraph,
  type Table,
  TextRun,
} from 'docx';
import {
  bodyCharacterTwips,
  bodyLineTwips,
  font,
  fonts,
  halfPoints,
  points,
  printable,
} from './layout-measures.js';

export { fonts } from './layout-measures.js';
export { ruledTable, type SealPlace, type SignatureCell, signatureLines } from './layout-tables.js';

/** What a document's body holds; the measures are in layout-measures.ts, the tables in layout-tables.ts. */
type Block = Paragraph | Table;

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
