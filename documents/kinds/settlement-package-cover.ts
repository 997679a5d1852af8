import { dateZh } from '../chinese-dates.js';
import { yuanFigures } from '../chinese-money.js';
import {
  blankLine,
  body,
  documentNumberLine,
  flushLeft,
  heading,
  rightLine,
  ruledTable,
  title,
} from '../layout.js';
import { sidesZh } from '../party-lines.js';
import { type Composer, notAvailable } from './composed.js';
import { amountInWords } from './mediation-agreement.js';

/**
 * The cover of the settlement package that goes back to the procuratorate (检调对接): only the civil
 * side and the victim's forgiveness were negotiated (人民检察院刑事诉讼规则 art 495); the settlement
 * records compensation, its method and deadline, remorse, forgiveness and the request for leniency
 * (art 498); payment comes before the lenient decision, instalments only with a guarantee (art 499), and
 * the prosecutor checks performance (art 503). It lists the agreement, the 谅解书 and each payment.
 */
export const composeSettlementPackageCover: Composer = (input) => {
  const referral = input.referral;
  const settlement = input.criminalSettlement;
  if (referral?.kind !== 'prosecution' || !settlement || !input.agreement) {
    throw notAvailable('criminal settlement', '该案件不是检察院委托的刑事和解案件，或者尚未达成和解协议');
  }
  const letter = settlement.forgivenessLetter;
  const materials: string[][] = [
    [
      '1',
      '人民调解协议书（刑事和解协议）',
      `${input.documentNumber}，${dateZh(input.agreement.signedOn)}签订`,
    ],
    ['2', '谅解书', letter ? `被害人${letter.signedBy}于${dateZh(letter.signedOn)}签署` : '被害人尚未签署'],
    ...settlement.payments.map((payment, index) => [
      String(index + 3),
      settlement.payments.length > 1 ? `赔偿款支付凭证（第${payment.n}期）` : '赔偿款支付凭证',
      payment.paidOn
        ? `${yuanFigures(payment.amountFen)}，${dateZh(payment.paidOn)}支付${payment.proof ? `，凭证：${payment.proof}` : ''}`
        : `${yuanFigures(payment.amountFen)}，应于${dateZh(payment.dueOn)}前支付，尚未支付`,
    ]),
  ];
  return {
    title: '检调对接刑事和解材料移送清单',
    blocks: [
      title('检调对接刑事和解材料移送清单'),
      documentNumberLine(input.documentNumber),
      flushLeft(`${referral.institutionName}：`),
      body(
        `你院于${dateZh(referral.referredOn)}委托调解的${sidesZh(input.parties)}（涉嫌${settlement.offence}）一案（你院案号：${referral.reference}），经本委员会主持调解，双方当事人就民事赔偿及被害人谅解等事项自愿达成和解协议。现将和解材料移送你院，请依法审查处理。`,
      ),
      heading('一、和解要点'),
      body(
        `赔偿金额：${amountInWords(settlement.compensationFen)}；履行方式：${settlement.method}。${settlement.remorse.replace(/。?$/, '。')}被害人${settlement.forgiveness ? '表示谅解' : '未表示谅解'}${settlement.leniencyRequested ? '，并请求司法机关对犯罪嫌疑人依法从宽处理' : ''}。`,
      ),
      heading('二、移送材料'),
      ruledTable(['序号', '材料名称', '说明'], materials, [10, 36, 54]),
      blankLine(),
      rightLine(`${input.centre.committeeName}（印章）`),
      rightLine(dateZh(input.issuedOn)),
    ],
  };
};
