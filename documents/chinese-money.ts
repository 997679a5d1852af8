/**
 * Amounts as a legal document writes them. Money is integer fen throughout (DESIGN: never floating
 * point); these only format it.
 */

/** 人民币50000元, 人民币1409.50元: Arabic figures, the fen shown only when there are any. */
export function yuanFigures(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return `人民币${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}元`;
}

const capitalDigits = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const smallUnits = ['', '拾', '佰', '仟'];
const largeUnits = ['', '万', '亿', '万亿'];

/**
 * The amount in capital numerals (大写金额), as the 支付结算办法 (中国人民银行, 附件一《正确填写票据和结算凭证
 * 的基本规定》) writes it: one 零 for a run of zeros between figures, none after the last, 整 after 元
 * when there are no 角 or 分, 零 between 元 and 分 when 角 is zero; e.g. 1409.50 → 人民币壹仟肆佰零玖元伍角,
 * 107000.53 → 人民币壹拾万柒仟元伍角叁分, 325.04 → 人民币叁佰贰拾伍元零肆分.
 */
export function yuanCapitals(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const cents = fen % 10;
  if (fen === 0) return '人民币零元整';
  const integer = yuan === 0 ? '' : `${integerCapitals(yuan)}元`;
  if (jiao === 0 && cents === 0) return `人民币${integer}整`;
  const jiaoText = jiao === 0 ? (yuan === 0 ? '' : '零') : `${capitalDigits[jiao]}角`;
  const centsText = cents === 0 ? '' : `${capitalDigits[cents]}分`;
  return `人民币${integer}${jiaoText}${centsText}`;
}

function integerCapitals(value: number): string {
  const digits = String(value);
  let text = '';
  let zeroPending = false;
  for (let index = 0; index < digits.length; index++) {
    const position = digits.length - 1 - index;
    const digit = Number(digits[index]);
    if (digit === 0) {
      zeroPending = true;
    } else {
      if (zeroPending && text !== '') text += '零';
      zeroPending = false;
      text += capitalDigits[digit]! + smallUnits[position % 4]!;
    }
    // At 万 and 亿: the unit is written when its group of four has a figure, and a zero before the
    // unit is not carried past it (107000 is 壹拾万柒仟, not 壹拾万零柒仟).
    if (position % 4 === 0 && position > 0) {
      const group = digits.slice(Math.max(0, index - 3), index + 1);
      if (/[1-9]/.test(group)) {
        text += largeUnits[position / 4]!;
        zeroPending = false;
      }
    }
  }
  return text;
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`amount must be whole fen ≥ 0, got ${fen}`);
}
