import { describe, expect, it } from 'vitest';
import {
  isPlausibleChinesePhone,
  isValidResidentIdNumber,
  isValidUnifiedSocialCreditCode,
} from '../../../domain/identity-numbers.js';

describe('identity number check digits', () => {
  it('accepts resident ID numbers whose GB 11643 check character matches, X included', () => {
    expect(isValidResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isValidResidentIdNumber('150702199001011233')).toBe(true);
  });

  it('refuses a changed digit, a wrong check character, a bad date and the wrong length', () => {
    expect(isValidResidentIdNumber('11010519491231003X')).toBe(false);
    expect(isValidResidentIdNumber('110105194912310021')).toBe(false);
    expect(isValidResidentIdNumber('150702199013011234')).toBe(false);
    expect(isValidResidentIdNumber('15070219900101123')).toBe(false);
    expect(isValidResidentIdNumber('15070219900101123x')).toBe(false);
  });

  it('checks 统一社会信用代码 by GB 32100', () => {
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y44')).toBe(false);
    // I, O, S, V and Z are not in the alphabet.
    expect(isValidUnifiedSocialCreditCode('91350100M000100YI3')).toBe(false);
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y4')).toBe(false);
  });

  it('takes mobile and landline numbers and refuses the rest', () => {
    expect(isPlausibleChinesePhone('13800001111')).toBe(true);
    expect(isPlausibleChinesePhone('0470-8221234')).toBe(true);
    expect(isPlausibleChinesePhone('+86 138 0000 1111')).toBe(true);
    expect(isPlausibleChinesePhone('12345')).toBe(false);
    expect(isPlausibleChinesePhone('23800001111')).toBe(false);
  });
});
