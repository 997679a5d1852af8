import { addDays } from '../../domain/dates.js';
import { dateZh } from '../chinese-dates.js';
import {
  attachments,
  blankLine,
  body,
  closingTo,
  heading,
  rightLine,
  signatureLines,
  title,
} from '../layout.js';
import { partyDescription, principalParties, sidesZh } from '../party-lines.js';
import { type Composer, notAvailable } from './composed.js';
import { amountInWords } from './mediation-agreement.js';

/**
 * 司法确认申请书: the parties apply jointly, within 30 days of the agreement taking effect, to the court
 * that invited the mediation or else the basic court where the committee sits (or where a party lives
 * or the object lies) (民事诉讼法 2023 arts 205–206; 人民调解法 art 33). No fee is charged. Every party
 * signs as an applicant, with the undertaking the court's form asks for.
 */
export const composeConfirmationApplication: Composer = (input) => {
  const agreement = input.agreement;
  if (agreement?.form !== 'written') {
    throw notAvailable('written agreement', '该案件尚未达成书面调解协议，不能申请司法确认');
  }
  const applicants = principalParties(input.parties);
  const names = applicants.map((party) => party.name).join('、');
  return {
    title: '司法确认申请书',
    blocks: [
      title('司法确认申请书'),
      ...applicants.map((party) => body(partyDescription({ ...party, role: 'applicant' }))),
      ...input.parties
        .filter((party) => party.role === 'agent')
        .map((party) => body(partyDescription(party))),
      heading('请求事项'),
      body(
        `请求确认申请人${names}于${dateZh(agreement.signedOn)}经${input.centre.committeeName}主持调解达成的人民调解协议（${input.documentNumber}）有效。`,
      ),
      heading('事实和理由'),
      body(
        `申请人${sidesZh(input.parties)}因${input.categoryZh ?? '纠纷'}，于${dateZh(input.registeredOn)}向${input.centre.committeeName}申请调解。经调解，申请人于${dateZh(agreement.signedOn)}自愿达成人民调解协议${agreement.amountFen > 0 ? `，协议金额${amountInWords(agreement.amountFen)}` : ''}，协议自签订之日起生效。`,
      ),
      body(
        `依据《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条、第二百零六条的规定，申请人在调解协议生效之日起三十日内（即${dateZh(addDays(agreement.signedOn, 30))}前）共同向你院申请司法确认。`,
      ),
      body(
        '申请人承诺：出于解决纠纷的目的自愿达成调解协议，没有恶意串通、规避法律的行为；所提供的材料真实、合法；如因该协议内容给他人造成损害，愿意承担相应的民事责任和其他法律责任。',
      ),
      ...closingTo(input.confirmationCourt),
      blankLine({ keepNext: true }),
      signatureLines(applicants.map((party) => [`申请人：${party.name}`, '（签名、盖章或者按指印）'])),
      rightLine(dateZh(input.issuedOn)),
      blankLine(),
      ...attachments([
        '人民调解协议书一份；',
        '申请人身份证明材料；',
        '与调解协议相关的财产权利证明等材料。',
      ]),
    ],
  };
};
