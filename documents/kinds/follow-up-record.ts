import { dateZh } from '../chinese-dates.js';
import {
  blankLine,
  body,
  bodyText,
  documentNumberLine,
  field,
  heading,
  rightLine,
  signatureLines,
  title,
} from '../layout.js';
import { principalParties, sidesZh } from '../party-lines.js';
import { type Composer, notAvailable } from './composed.js';
import { amountInWords } from './mediation-agreement.js';

const satisfactionLabelsZh = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '很不满意' } as const;

/**
 * 回访记录: the committee supervises the agreement's performance and urges the parties to perform it
 * (人民调解法 art 31); the visit records whether it was performed and how satisfied the parties were.
 */
export const composeFollowUpRecord: Composer = (input) => {
  const visit = input.followUp;
  if (!visit) throw notAvailable('follow-up visit', '该案件尚未登记回访');
  const outcome = input.agreement
    ? `于${dateZh(input.agreement.signedOn)}达成调解协议${input.agreement.amountFen > 0 ? `，协议金额${amountInWords(input.agreement.amountFen)}` : ''}`
    : input.ending
      ? '未达成调解协议'
      : '——';
  return {
    title: '回访记录',
    blocks: [
      title('回访记录'),
      documentNumberLine(`案件编号：${input.caseNumber}`),
      field(
        '当事人',
        principalParties(input.parties)
          .map((party) => party.name)
          .join('、'),
      ),
      field('纠纷名称', `${sidesZh(input.parties)}${input.categoryZh ?? '纠纷'}`),
      field('调解结果', outcome),
      field('回访时间', dateZh(visit.on)),
      field('回访人', input.mediatorName ?? ''),
      heading('回访情况'),
      field('协议履行情况', visit.performed ? '已履行' : '未履行或者未完全履行'),
      field(
        '当事人满意度',
        `${satisfactionLabelsZh[visit.satisfaction]}（${visit.satisfaction}分，满分5分）`,
      ),
      ...bodyText(visit.notes, '当事人无其他意见。'),
      ...(visit.performed ? [] : [body('回访人已督促当事人按照约定履行义务。')]),
      blankLine(),
      signatureLines([
        ['被回访人：', '（签名）'],
        ['回访人：', '（签名）'],
      ]),
      rightLine(dateZh(visit.on)),
    ],
  };
};
