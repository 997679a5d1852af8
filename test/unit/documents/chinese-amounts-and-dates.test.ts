import { describe, expect, it } from 'vitest';
import { dateTimeZh, dateZh } from '../../../documents/chinese-dates.js';
import { yuanCapitals, yuanFigures } from '../../../documents/chinese-money.js';

describe('amounts as legal documents write them', () => {
  it.each([
    [5_000_000, '人民币伍万元整'],
    // The examples of the 支付结算办法 (附件一): zeros inside, at 万, and before 分.
    [140_950, '人民币壹仟肆佰零玖元伍角'],
    [600_714, '人民币陆仟零柒元壹角肆分'],
    [10_700_053, '人民币壹拾万柒仟元伍角叁分'],
    [32_504, '人民币叁佰贰拾伍元零肆分'],
    [10_070_000, '人民币壹拾万零柒佰元整'],
    [10_000_000_500, '人民币壹亿零伍元整'],
    [2_000_000, '人民币贰万元整'],
    [2_800_050, '人民币贰万捌仟元伍角'],
    [1_000_100, '人民币壹万零壹元整'],
    [50, '人民币伍角'],
    [0, '人民币零元整'],
  ])('%i fen in capitals is %s', (fen, expected) => {
    expect(yuanCapitals(fen)).toBe(expected);
  });

  it('writes figures with fen only when there are any', () => {
    expect(yuanFigures(5_000_000)).toBe('人民币50000元');
    expect(yuanFigures(2_800_050)).toBe('人民币28000.50元');
    expect(yuanFigures(7)).toBe('人民币0.07元');
  });

  it('refuses what is not whole fen', () => {
    expect(() => yuanCapitals(1.5)).toThrow(RangeError);
    expect(() => yuanFigures(-1)).toThrow(RangeError);
  });
});

describe('dates as legal documents write them', () => {
  it('writes days without leading zeros, instants in China time', () => {
    expect(dateZh('2026-12-02')).toBe('2026年12月2日');
    // 16:30 UTC on 1 December is 00:30 on 2 December in China.
    expect(dateZh('2026-12-01T16:30:00.000Z')).toBe('2026年12月2日');
    expect(dateTimeZh('2026-11-25T01:30:00.000Z')).toBe('2026年11月25日9时30分');
    expect(dateTimeZh('2026-12-01T06:00:00.000Z')).toBe('2026年12月1日14时');
  });
});
