import { convertMillimetersToTwip } from 'docx';

/**
 * The measures of the official layout (GB/T 9704-2012《党政机关公文格式》, which centres and courts
 * follow for their documents where it applies): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, so the
 * text block is 156 × 225 mm; title in 小标宋/宋体 二号; body in 仿宋_GB2312 三号, 22 lines of 28
 * characters; first-level headings in 黑体; page numbers in 宋体 四号 as “— 1 —”, odd pages on the
 * right and even pages on the left, one character in from the edge.
 */
export const points = { 二号: 22, 三号: 16, 四号: 14 } as const;
export const halfPoints = (size: number) => size * 2;
export const bodyCharacterTwips = points.三号 * 20;
/** 225 mm of text block over 22 lines: 28.95 pt a line (the well-known 固定值 28.95 磅). */
export const bodyLineTwips = 579;
/** 210 − 28 − 26 = 156 mm of text block width. */
export const textBlockTwips = convertMillimetersToTwip(156);

export const fonts = {
  title: '宋体',
  body: '仿宋_GB2312',
  heading: '黑体',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

export function font(eastAsia: string) {
  return { ascii: fonts.latin, hAnsi: fonts.latin, eastAsia };
}

/**
 * Characters XML 1.0 does not allow (control characters but tab and line breaks, U+FFFE/U+FFFF, lone
 * surrogates): PostgreSQL stores them, and one in a party's name would make the whole file unreadable
 * to Word. Every text that enters a document passes here; they are dropped.
 */
const notInXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export function printable(text: string): string {
  return text.replace(notInXml, '');
}
