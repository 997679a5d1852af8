import { dateZh } from '../chinese-dates.js';
import { yuanCapitals, yuanFigures } from '../chinese-money.js';
import type { DocumentAgreement, DocumentInput, DocumentPerformanceStep } from '../document-input.js';
import { blankLine, body, bodyText, documentNumberLine, heading, signatureLines, title } from '../layout.js';
import { partyParagraphs, partyRoleLabelsZh, principalParties } from '../party-lines.js';
import { type Composer, notAvailable } from './composed.js';

/** 人民币伍万元整（¥50000）: the figure and its capitals, as agreements write amounts. */
export function amountInWords(fen: number): string {
  return `${yuanFigures(fen)}（大写：${yuanCapitals(fen)}）`;
}

const ordinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function ordinal(index: number): string {
  return ordinals[index] ?? String(index + 1);
}

function performanceLine(step: DocumentPerformanceStep, index: number): string {
  const parts = [step.description.replace(/[。；;.]$/, '')];
  if (step.amountFen !== null) parts.push(`金额${amountInWords(step.amountFen)}`);
  if (step.dueOn) parts.push(`于${dateZh(step.dueOn)}前履行完毕`);
  return `（${ordinal(index)}）${parts.join('，')}。`;
}

/**
 * 人民调解协议书 as 人民调解法 art 29 requires it: the parties' basic details; the main facts, the
 * disputed matters and each side's responsibility; the terms; how and by when they are performed. It
 * takes effect when the parties have signed, sealed or fingerprinted it and the mediator has signed it
 * under the committee's seal, and each party keeps one copy and the committee one (art 29); it binds the
 * parties and the committee supervises its performance (art 31); the parties may jointly apply for
 * judicial confirmation within 30 days of its taking effect (art 33). Where the parties need no written
 * agreement, the agreement is oral and the mediator records it (art 28): then the record is titled
 * 口头调解协议记录 and the agreement took effect when the parties reached it (art 30).
 */
export const composeMediationAgreement: Composer = (input) => {
  const agreement = input.agreement;
  if (!agreement) throw notAvailable('agreement', '该案件尚未达成调解协议');
  const signing = principalParties(input.parties);
  const courtCopy = input.referral?.kind === 'court' ? input.referral.institutionName : null;
  const copies = signing.length + 1 + (courtCopy ? 1 : 0);
  const oral = agreement.form === 'oral';
  const documentTitle = oral ? '口头调解协议记录' : '人民调解协议书';
  return {
    title: documentTitle,
    blocks: [
      title(documentTitle),
      documentNumberLine(input.documentNumber),
      heading('一、当事人基本情况'),
      ...partyParagraphs(input.parties),
      heading('二、纠纷主要事实、争议事项及各方责任'),
      ...bodyText(input.disputeFacts),
      ...(input.claimAmountFen !== null ? [body(`争议标的额：${yuanFigures(input.claimAmountFen)}。`)] : []),
      body(
        `经${input.centre.committeeName}主持调解，各方当事人在查明事实、分清责任的基础上，平等协商，自愿达成如下协议：`,
      ),
      heading('三、协议内容'),
      ...bodyText(agreement.terms),
      ...(agreement.amountFen > 0 ? [body(`协议金额共计${amountInWords(agreement.amountFen)}。`)] : []),
      ...criminalSettlementTerms(input),
      heading('四、履行方式和期限'),
      ...performance(agreement),
      heading('五、其他约定'),
      ...(oral
        ? [
            body(
              `各方当事人认为无需制作调解协议书，采取口头协议方式，人民调解员已记录协议内容。本口头调解协议自各方当事人达成协议之日（${dateZh(agreement.signedOn)}）起生效，具有法律约束力，当事人应当按照约定履行；人民调解委员会对协议的履行情况进行监督。`,
            ),
            body('以上记录已经当事人阅读（或者向其宣读），确认无误。', { keepNext: true }),
          ]
        : [
            body(
              '本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行；人民调解委员会对协议的履行情况进行监督。',
            ),
            body('本协议生效之日起三十日内，双方当事人可以共同向有管辖权的人民法院申请司法确认。'),
            body(
              `本协议一式${ordinal(copies - 1)}份，当事人各执一份，人民调解委员会留存一份${courtCopy ? `，送交${courtCopy}一份` : ''}。`,
              { keepNext: true },
            ),
          ]),
      blankLine({ keepNext: true }),
      signatureLines(
        [
          ...signing.map((party) => [
            `${partyRoleLabelsZh[party.role]}：${party.name}`,
            oral ? '（签名确认）' : '（签名、盖章或者按指印）',
          ]),
          ['人民调解员：', '（签名）'],
        ],
        { issuer: input.centre.committeeName, date: dateZh(agreement.signedOn) },
      ),
    ],
  };
};

/**
 * For a procuratorate's referral (检调对接): the settlement also records remorse, the victim's
 * forgiveness and the request for leniency (人民检察院刑事诉讼规则 art 498), and says that only the civil
 * side and forgiveness were negotiated, never guilt or sentence (art 495).
 */
function criminalSettlementTerms(input: DocumentInput) {
  const settlement = input.criminalSettlement;
  if (!settlement) return [];
  return [
    body(`犯罪嫌疑人悔罪表现：${settlement.remorse.replace(/。?$/, '。')}`),
    body(
      `被害人${settlement.forgiveness ? '对犯罪嫌疑人的行为表示谅解' : '未表示谅解'}${settlement.leniencyRequested ? '，并请求司法机关对犯罪嫌疑人依法从宽处理' : ''}。`,
    ),
    body(
      '本协议仅就民事赔偿、赔礼道歉及被害人是否谅解等事项达成，不涉及案件事实认定、证据采信、法律适用和定罪量刑。',
    ),
  ];
}

function performance(agreement: DocumentAgreement) {
  if (agreement.performance.length === 0) {
    return [body('各方当事人应当自本协议生效之日起按照上述约定自觉履行。')];
  }
  return agreement.performance.map((step, index) => body(performanceLine(step, index)));
}
