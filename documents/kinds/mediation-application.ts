import { dateZh } from '../chinese-dates.js';
import { yuanFigures } from '../chinese-money.js';
import {
  blankLine,
  body,
  bodyText,
  closingTo,
  documentNumberLine,
  heading,
  rightLine,
  signatureLines,
  title,
} from '../layout.js';
import { partyParagraphs, principalParties, sidesZh } from '../party-lines.js';
import type { Composer } from './composed.js';

/**
 * 人民调解申请书: a party applies to the committee (人民调解法 art 17), having been told the nature of
 * people's mediation and their rights in it (arts 23–24); mediation is free (art 4).
 */
export const composeMediationApplication: Composer = (input) => {
  const applicants = principalParties(input.parties).filter((party) => party.role === 'applicant');
  return {
    title: '人民调解申请书',
    blocks: [
      title('人民调解申请书'),
      documentNumberLine(`案件编号：${input.caseNumber}`),
      ...partyParagraphs(input.parties),
      heading('一、纠纷简要情况'),
      ...bodyText(input.disputeFacts),
      ...(input.claimAmountFen !== null ? [body(`争议标的额：${yuanFigures(input.claimAmountFen)}。`)] : []),
      heading('二、申请事项'),
      body(
        `请求${input.centre.committeeName}依法主持调解，解决${sidesZh(input.parties)}之间的${input.categoryZh ?? '纠纷'}。`,
      ),
      heading('三、申请人声明'),
      body(
        `${input.centre.committeeName}已告知申请人人民调解的性质、原则和效力，以及当事人在调解活动中享有的权利和承担的义务；人民调解不收取任何费用。申请人自愿申请人民调解，并保证所述情况属实。`,
      ),
      ...closingTo(input.centre.committeeName),
      blankLine({ keepNext: true }),
      signatureLines(applicants.map((party) => [`申请人：${party.name}`, '（签名、盖章或者按指印）'])),
      rightLine(dateZh(input.mediationConsent?.on ?? input.registeredOn)),
    ],
  };
};
