import { dateTimeZh } from '../chinese-dates.js';
import {
  blankLine,
  body,
  bodyText,
  documentNumberLine,
  field,
  heading,
  signatureLines,
  title,
} from '../layout.js';
import { partyRoleLabelsZh } from '../party-lines.js';
import { type Composer, notAvailable } from './composed.js';

/**
 * 调解笔录, one per session: the mediator records how the mediation went (人民调解法 art 27: 人民调解员
 * 应当记录调解情况), and the parties read and sign it.
 */
export const composeSessionRecord: Composer = (input, options) => {
  const session =
    options.sessionNumber === undefined
      ? input.sessions.at(-1)
      : input.sessions.find((candidate) => candidate.number === options.sessionNumber);
  if (!session) {
    throw notAvailable(
      `session ${options.sessionNumber ?? ''}`.trim(),
      options.sessionNumber === undefined
        ? '该案件尚未登记调解记录'
        : `该案件没有第${options.sessionNumber}次调解记录`,
    );
  }
  const present = input.parties.map((party) => `${partyRoleLabelsZh[party.role]}${party.name}`).join('、');
  const mediator = session.mediatorName ?? input.mediatorName ?? '';
  return {
    title: `调解笔录（第${session.number}次）`,
    blocks: [
      title('调解笔录'),
      documentNumberLine(`案件编号：${input.caseNumber}　第${session.number}次`),
      field('时间', dateTimeZh(session.heldAt)),
      field('地点', session.location ?? input.centre.centreName),
      field('调解组织', input.centre.committeeName),
      field('人民调解员', mediator),
      field('记录人', mediator),
      field('参加人', present),
      heading('调解情况'),
      ...bodyText(session.summary),
      body('以上笔录已经当事人阅读（或者向其宣读），确认无误。', { keepNext: true }),
      blankLine({ keepNext: true }),
      signatureLines([
        ...input.parties.map((party) => `${partyRoleLabelsZh[party.role]}${party.name}（签名）：`),
        '人民调解员（签名）：',
        '记录人（签名）：',
      ]),
    ],
  };
};
