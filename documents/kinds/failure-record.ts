import { dateZh } from '../chinese-dates.js';
import { yuanFigures } from '../chinese-money.js';
import type { DocumentInput } from '../document-input.js';
import {
  blankLine,
  body,
  bodyText,
  documentNumberLine,
  flushLeft,
  heading,
  signatureLines,
  title,
} from '../layout.js';
import { partyParagraphs, partyRoleLabelsZh, principalParties, sidesZh } from '../party-lines.js';
import { type Composer, notAvailable } from './composed.js';

const endingLabelsZh = {
  failed: '调解不成',
  terminated: '终止调解',
  withdrawn: '当事人撤回调解申请',
} as const;

/**
 * The record of a mediation that ended without agreement. Where mediation fails the mediator ends it
 * and tells the parties they may go to arbitration, an administrative body or a court (人民调解法 art 26);
 * a party may end it at any time (art 23). For a court's referral it is the 调解不成报告 the court expects:
 * the reasons and the facts both parties confirmed as undisputed (无争议事实), back with the materials
 * (最高人民法院《关于人民法院特邀调解的规定》; DESIGN: court referrals, failure).
 */
export const composeFailureRecord: Composer = (input) => {
  const ending = input.ending;
  if (!ending) throw notAvailable('ending without agreement', '该案件尚未调解不成或终止调解');
  const court = input.referral?.kind === 'court' ? input.referral : null;
  const documentTitle = court ? '调解不成报告' : '终止调解记录';
  return {
    title: documentTitle,
    blocks: [
      title(documentTitle),
      documentNumberLine(input.documentNumber),
      ...(court
        ? [
            flushLeft(`${court.institutionName}：`),
            body(
              `你院于${dateZh(court.referredOn)}${court.typeZh ?? '委托调解'}的${sidesZh(input.parties)}${input.categoryZh ?? '纠纷'}一案（你院案号：${court.reference}；本委员会案件编号：${input.caseNumber}），经本委员会组织调解，未能达成调解协议。现将调解情况报告如下：`,
            ),
          ]
        : []),
      heading('一、当事人基本情况'),
      ...partyParagraphs(input.parties),
      heading('二、纠纷简要情况'),
      ...bodyText(input.disputeFacts),
      ...(input.claimAmountFen !== null ? [body(`争议标的额：${yuanFigures(input.claimAmountFen)}。`)] : []),
      heading('三、调解经过'),
      body(sessionsSentence(input)),
      heading(`四、${endingLabelsZh[ending.kind]}的原因`),
      ...bodyText(ending.reasons),
      heading('五、无争议事实'),
      ...(ending.undisputedFacts.trim()
        ? [body('经各方当事人确认，以下事实没有争议：'), ...bodyText(ending.undisputedFacts)]
        : [body('各方当事人未就任何事实确认无争议。')]),
      heading('六、处理意见'),
      body(
        court
          ? `本委员会于${dateZh(ending.on)}终止调解。现将调解情况及无争议事实报告你院，并将你院移送的材料一并退回，请依法处理。`
          : `本委员会于${dateZh(ending.on)}终止调解，并已告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。`,
        { keepNext: true },
      ),
      blankLine({ keepNext: true }),
      signatureLines(
        [
          ...principalParties(input.parties).map((party) => [
            `${partyRoleLabelsZh[party.role]}：${party.name}`,
            '（对无争议事实确认，签名）',
          ]),
          ['人民调解员：', '（签名）'],
        ],
        { issuer: input.centre.committeeName, date: dateZh(ending.on) },
      ),
    ],
  };
};

function sessionsSentence(input: DocumentInput): string {
  if (input.sessions.length === 0)
    return `本委员会于${dateZh(input.registeredOn)}受理本案，未能组织双方当事人进行调解。`;
  const days = input.sessions.map((session) => dateZh(session.heldAt)).join('、');
  return `本委员会于${dateZh(input.registeredOn)}受理本案，先后于${days}组织调解共${input.sessions.length}次。`;
}
