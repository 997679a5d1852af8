import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentInputFromCase } from '../../documents/document-input-from-case.js';
import { renderDocument } from '../../documents/render-document.js';
import { renderWithLibreOffice } from '../helpers/libreoffice.js';
import { centre, sessions, settledCase } from '../unit/documents/case-fixtures.js';

const pngPath = join(import.meta.dirname, '../../test-results/documents/agreement-page-1.png');
const signaturePagePath = join(import.meta.dirname, '../../test-results/documents/agreement-last-page.png');

/**
 * The agreement as an office would open it: LibreOffice converts the .docx to PDF; page 1 and the
 * signature page (the last) become PNGs under test-results/documents/ for a person to look at. No
 * servers; in the `slow` project because LibreOffice takes seconds to start.
 */
describe('人民调解协议书 rendered by LibreOffice', () => {
  it('is an A4 agreement whose text survives the conversion, page 1 saved as PNG', async () => {
    const input = documentInputFromCase(settledCase(), centre, { sessions, mediatorName: '刘调解' });
    const rendered = await renderWithLibreOffice(
      await renderDocument('mediation_agreement', input),
      pngPath,
      signaturePagePath,
    );
    // A4 in points (595.3 × 841.9); 22 lines a page (GB/T 9704) make this agreement three pages.
    expect(rendered.pageSizePoints).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)$/);
    expect(rendered.pages).toBe(3);
    const text = rendered.text.replace(/\s+/g, '');
    // The signatures and the seal never stand alone: the last page also holds the closing clause.
    const lastPage = rendered.text
      .split('\f')
      .filter((page) => page.trim() !== '')
      .at(-1)!
      .replace(/\s+/g, '');
    for (const expected of [
      '本协议一式三份',
      '申请人：张三',
      '人民调解员：',
      '（印章）',
      '2026年12月2日',
      '—3—',
    ]) {
      expect(lastPage).toContain(expected);
    }
    for (const expected of [
      '人民调解协议书',
      '（2026）海人调字第123号',
      '申请人：张三，男，1985年3月12日出生',
      '公民身份号码15070219900708234X',
      '协议金额共计人民币50000元（大写：人民币伍万元整）',
      '于2027年3月31日前履行完毕',
      '本协议一式三份',
      '呼伦贝尔市海拉尔区人民调解委员会（印章）',
      '2026年12月2日',
      '—1—',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
