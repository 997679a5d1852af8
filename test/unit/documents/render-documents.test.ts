import { describe, expect, it } from 'vitest';
import { documentInputFromCase } from '../../../documents/document-input-from-case.js';
import { type DocumentKind, documentKinds } from '../../../documents/document-kinds.js';
import { renderDocument, renderNamedDocument } from '../../../documents/render-document.js';
import { Refusal } from '../../../domain/refusals.js';
import { allText, type DocxReading, readDocx } from '../../helpers/docx-reader.js';
import { centre, failedCourtCase, prosecutionCase, sessions, settledCase } from './case-fixtures.js';

const settled = documentInputFromCase(settledCase(), centre, {
  sessions,
  mediatorName: '刘调解',
  issuedOn: '2026-12-03',
});
const failed = documentInputFromCase(failedCourtCase(), centre, { sessions, mediatorName: '刘调解' });
const prosecution = documentInputFromCase(prosecutionCase(), centre, { issuedOn: '2026-11-30' });

async function read(kind: DocumentKind, input = settled, options = {}): Promise<DocxReading> {
  return readDocx(await renderDocument(kind, input, options));
}

/** The official layout every document shares (GB/T 9704): A4, margins, fonts, page numbers. */
function expectOfficialLayout(reading: DocxReading, title: string, fileTitle = title) {
  expect(reading.sections).toHaveLength(1);
  const [section] = reading.sections;
  expect(section).toMatchObject({
    pageWidthMm: 210,
    pageHeightMm: 297,
    topMm: 37,
    bottomMm: 35,
    leftMm: 28,
    rightMm: 26,
  });
  // Odd and even pages both carry “— n —” as a PAGE field.
  expect(section!.footers).toEqual([
    { text: '—  —', pageField: true },
    { text: '—  —', pageField: true },
  ]);
  expect(reading.defaultEastAsiaFont).toBe('仿宋_GB2312');
  expect(reading.defaultSizePt).toBe(16);
  // 22 lines in the 225 mm text block: exactly 28.95 pt (579 twips) a line.
  expect(reading.defaultLineSpacing).toEqual({ twips: 579, rule: 'exact' });
  const [first] = reading.paragraphs;
  expect(first).toMatchObject({
    text: title,
    eastAsiaFonts: ['宋体'],
    sizesPt: [22],
    bold: true,
    alignment: 'CENTER (1)',
  });
  expect(reading.title).toBe(fileTitle);
}

describe('generated documents, read back with python-docx', () => {
  it('人民调解协议书 states what 人民调解法 art 29 requires, the amounts in figures and capitals', async () => {
    const reading = await read('mediation_agreement');
    expectOfficialLayout(reading, '人民调解协议书');
    const text = allText(reading);
    expect(reading.paragraphs[1]!.text).toBe('（2026）海人调字第123号');
    // The parties' basic details, in full: this is the document they sign.
    expect(text).toContain(
      '申请人：张三，男，1985年3月12日出生，公民身份号码150702198503121235，住址：内蒙古自治区呼伦贝尔市海拉尔区胜利大街12号，联系电话：13904701234。',
    );
    expect(text).toContain('被申请人：李四，女，1990年7月8日出生，公民身份号码15070219900708234X');
    // The main facts and disputed matters, the terms, the manner and time limit of performance.
    expect(text).toContain('二、纠纷主要事实、争议事项及各方责任');
    expect(text).toContain('2025年6月，李四向张三借款人民币50000元');
    expect(text).toContain('三、协议内容');
    expect(text).toContain('二、张三自愿放弃利息请求。');
    expect(text).toContain('协议金额共计人民币50000元（大写：人民币伍万元整）。');
    expect(text).toContain('四、履行方式和期限');
    expect(text).toContain(
      '（一）李四向张三支付第一期还款，金额人民币30000元（大写：人民币叁万元整），于2026年12月31日前履行完毕。',
    );
    expect(text).toContain(
      '（二）李四向张三支付剩余还款，金额人民币20000元（大写：人民币贰万元整），于2027年3月31日前履行完毕。',
    );
    // Two parties and the committee: three copies.
    expect(text).toContain('本协议一式三份，当事人各执一份，人民调解委员会留存一份。');
    // Signature lines for the parties and the mediator, then the seal's place and the date (one cell
    // across both columns, which python-docx reads once per column).
    const seal = '\n呼伦贝尔市海拉尔区人民调解委员会（印章）\n\n2026年12月2日';
    expect(reading.tables[0]).toEqual([
      ['申请人：张三\n（签名、盖章或者按指印）', '被申请人：李四\n（签名、盖章或者按指印）'],
      ['人民调解员：\n（签名）', ''],
      [seal, seal],
    ]);
  });

  it('an oral agreement is recorded as 口头调解协议记录, in force since the parties reached it (arts 28, 30)', async () => {
    const view = settledCase();
    view.outcome!.details = { ...view.outcome!.details, form: 'oral' };
    const input = documentInputFromCase(view, centre);
    const reading = await read('mediation_agreement', input);
    expectOfficialLayout(reading, '口头调解协议记录');
    const text = allText(reading);
    expect(text).toContain('自各方当事人达成协议之日（2026年12月2日）起生效');
    expect(text).toContain('协议金额共计人民币50000元（大写：人民币伍万元整）。');
    expect(text).not.toContain('一式');
    expect(reading.tables[0]![0]).toEqual(['申请人：张三\n（签名确认）', '被申请人：李四\n（签名确认）']);
    // No written agreement, nothing for a court to confirm.
    await expect(renderDocument('confirmation_application', input)).rejects.toMatchObject({
      code: 'document_not_available',
    });
  });

  it('a criminal settlement’s agreement records remorse, forgiveness and leniency, never guilt (检调对接)', async () => {
    const text = allText(await read('mediation_agreement', prosecution));
    expect(text).toContain('李四赔偿王芳医疗费、误工费等各项损失共计人民币28000.50元。');
    expect(text).toContain('协议金额共计人民币28000.50元（大写：人民币贰万捌仟元伍角）。');
    expect(text).toContain('犯罪嫌疑人悔罪表现：李四当面向王芳赔礼道歉，表示真诚悔罪。');
    expect(text).toContain('被害人对犯罪嫌疑人的行为表示谅解，并请求司法机关对犯罪嫌疑人依法从宽处理。');
    expect(text).toContain('不涉及案件事实认定、证据采信、法律适用和定罪量刑');
    // A walk-in case says nothing of the kind.
    expect(allText(await read('mediation_agreement'))).not.toContain('犯罪嫌疑人');
  });

  it('人民调解申请书 names the applicant, the dispute and the claim', async () => {
    const reading = await read('mediation_application');
    expectOfficialLayout(reading, '人民调解申请书');
    const text = allText(reading);
    expect(text).toContain('案件编号：HLBE-2026-000123');
    expect(text).toContain('申请人：张三，男');
    expect(text).toContain('争议标的额：人民币50000元。');
    expect(text).toContain(
      '请求呼伦贝尔市海拉尔区人民调解委员会依法主持调解，解决张三与李四之间的借贷纠纷。',
    );
    expect(text).toContain('人民调解不收取任何费用');
    expect(reading.paragraphs.at(-1)!.text).toBe('2026年11月20日');
  });

  it('调解笔录 is one per session, with its time, place and record', async () => {
    const first = allText(await read('session_record', settled, { sessionNumber: 1 }));
    expect(first).toContain('时间：2026年11月25日9时30分');
    expect(first).toContain('地点：海拉尔区非诉讼纠纷调处中心第二调解室');
    expect(first).toContain('参加人：申请人张三、被申请人李四');
    expect(first).toContain('李四承认借款，称暂时无力一次还清。');
    expect(first).toContain('人民调解员（签名）：');
    const latest = await read('session_record');
    expectOfficialLayout(latest, '调解笔录', '调解笔录（第2次）');
    expect(allText(latest)).toContain('时间：2026年12月1日14时');
    // No place recorded: the centre's.
    expect(allText(latest)).toContain('地点：呼伦贝尔市海拉尔区非诉讼纠纷调处中心');
    await expect(renderDocument('session_record', settled, { sessionNumber: 3 })).rejects.toMatchObject({
      code: 'document_not_available',
      reasonZh: '该案件没有第3次调解记录',
    });
  });

  it('调解不成报告 goes to the referring court with its case reference and the undisputed facts', async () => {
    const reading = await read('failure_record', failed);
    expectOfficialLayout(reading, '调解不成报告');
    const text = allText(reading);
    expect(reading.paragraphs[2]!.text).toBe('呼伦贝尔市海拉尔区人民法院：');
    expect(text).toContain(
      '你院于2026年11月18日委派调解的张三与李四借贷纠纷一案（你院案号：（2026）内0702民诉前调1234号',
    );
    expect(text).toContain('先后于2026年11月25日、2026年12月1日组织调解共2次。');
    expect(text).toContain('李四坚持分五年还款，张三不同意。');
    expect(text).toContain('五、无争议事实');
    expect(text).toContain('李四于2025年6月1日向张三借款人民币50000元，至今未归还。');
    expect(text).toContain('本委员会于2026年12月10日终止调解。现将调解情况及无争议事实报告你院');
    // The parties sign to confirm the undisputed facts; the seal and the date close the report.
    expect(reading.tables[0]![0]).toEqual([
      '申请人：张三\n（对无争议事实确认，签名）',
      '被申请人：李四\n（对无争议事实确认，签名）',
    ]);
    expect(reading.tables[0]!.at(-1)![0]).toBe(
      '\n呼伦贝尔市海拉尔区人民调解委员会（印章）\n\n2026年12月10日',
    );
  });

  it('终止调解记录 of a case nobody referred tells the parties where else to go (人民调解法 art 26)', async () => {
    const own = failedCourtCase();
    own.referral = null;
    const reading = await read('failure_record', documentInputFromCase(own, centre, { sessions }));
    expectOfficialLayout(reading, '终止调解记录');
    expect(allText(reading)).toContain('可以依法通过仲裁、行政、司法等途径维护自己的权利');
  });

  it('回访记录 records performance and satisfaction', async () => {
    const reading = await read('follow_up_record');
    expectOfficialLayout(reading, '回访记录');
    const text = allText(reading);
    expect(text).toContain('回访时间：2027年1月5日');
    expect(text).toContain(
      '调解结果：于2026年12月2日达成调解协议，协议金额人民币50000元（大写：人民币伍万元整）',
    );
    expect(text).toContain('协议履行情况：已履行');
    expect(text).toContain('当事人满意度：非常满意（5分，满分5分）');
    expect(text).toContain('李四已按期支付第一期款项');
  });

  it('司法确认申请书 is a joint application to the competent court within 30 days', async () => {
    const reading = await read('confirmation_application');
    expectOfficialLayout(reading, '司法确认申请书');
    const text = allText(reading);
    // Both parties apply, each as 申请人.
    expect(text).toContain('申请人：张三，男');
    expect(text).toContain('申请人：李四，女');
    expect(text).toContain(
      '请求确认申请人张三、李四于2026年12月2日经呼伦贝尔市海拉尔区人民调解委员会主持调解达成的人民调解协议（（2026）海人调字第123号）有效。',
    );
    expect(text).toContain('第三十三条');
    expect(text).toContain('第二百零五条、第二百零六条');
    expect(text).toContain('三十日内（即2027年1月1日前）');
    expect(text).toContain('此致\n呼伦贝尔市海拉尔区人民法院');
    expect(reading.tables[0]).toEqual([
      ['申请人：张三\n（签名、盖章或者按指印）', '申请人：李四\n（签名、盖章或者按指印）'],
    ]);
  });

  it('检调对接 package cover lists the agreement, the 谅解书 and the payment record', async () => {
    const reading = await read('settlement_package_cover', prosecution);
    expectOfficialLayout(reading, '检调对接刑事和解材料移送清单');
    const text = allText(reading);
    expect(text).toContain('呼伦贝尔市海拉尔区人民检察院：');
    expect(text).toContain('王芳与李四（涉嫌故意伤害罪）一案（你院案号：海检刑诉〔2026〕88号）');
    expect(text).toContain(
      '赔偿金额：人民币28000.50元（大写：人民币贰万捌仟元伍角）；履行方式：银行转账一次性支付。',
    );
    expect(text).toContain('被害人表示谅解，并请求司法机关对犯罪嫌疑人依法从宽处理。');
    expect(reading.tables[0]).toEqual([
      ['序号', '材料名称', '说明'],
      ['1', '人民调解协议书（刑事和解协议）', '（2026）海人调字第123号，2026年11月28日签订'],
      ['2', '谅解书', '被害人王芳于2026年11月28日签署'],
      ['3', '赔偿款支付凭证', '人民币28000.50元，2026年11月29日支付，凭证：中国农业银行转账凭证 No.6228001'],
    ]);
    expect(reading.paragraphs.at(-1)!.text).toBe('2026年11月30日');
  });

  it('refuses a document the case has nothing for yet, naming what is missing', async () => {
    const open = documentInputFromCase({ ...settledCase(), outcome: null, followUp: null }, centre);
    for (const kind of [
      'mediation_agreement',
      'failure_record',
      'follow_up_record',
      'confirmation_application',
    ] as const) {
      const refusal = await renderDocument(kind, open).catch((error: unknown) => error);
      expect(refusal, kind).toBeInstanceOf(Refusal);
      expect(refusal).toMatchObject({ code: 'document_not_available', status: 409 });
    }
    await expect(renderDocument('settlement_package_cover', settled)).rejects.toMatchObject({
      code: 'document_not_available',
    });
  });

  it('drops characters XML cannot hold, which PostgreSQL stores, instead of writing a file Word cannot open', async () => {
    const view = settledCase();
    view.parties[0]!.name = '张\u0001三';
    view.summary = '借款\u000b5万元\uFFFE，<未还> & "催要" \uD800𠀀';
    const reading = await read('mediation_agreement', documentInputFromCase(view, centre));
    const text = allText(reading);
    expect(text).toContain('申请人：张三，男');
    expect(text).toContain('借款5万元，<未还> & "催要" 𠀀');
    expect(reading.tables[0]![0]![0]).toBe('申请人：张三\n（签名、盖章或者按指印）');
  });

  it('names every file by its title and the case number', async () => {
    const names = await Promise.all(
      documentKinds
        .filter((kind) => kind !== 'settlement_package_cover')
        .map(
          async (kind) =>
            (await renderNamedDocument(kind, kind === 'failure_record' ? failed : settled)).fileName,
        ),
    );
    expect(names).toEqual([
      '人民调解申请书-HLBE-2026-000123.docx',
      '调解笔录（第2次）-HLBE-2026-000123.docx',
      '人民调解协议书-HLBE-2026-000123.docx',
      '调解不成报告-HLBE-2026-000123.docx',
      '回访记录-HLBE-2026-000123.docx',
      '司法确认申请书-HLBE-2026-000123.docx',
    ]);
  });
});
