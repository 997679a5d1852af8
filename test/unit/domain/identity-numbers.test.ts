import { describe, expect, it } from 'vitest';
import {
  isPlausibleChinesePhone,
  isValidResidentIdNumber,
  isValidUnifiedSocialCreditCode,
} from '../../../domain/identity-numbers.js';

describe('identity number check digits', () => {
  it('accepts a citizen identity number whose 18th character is its GB 11643 check character', () => {
    expect(isValidResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isValidResidentIdNumber('150702199001011233')).toBe(true);
  });

  it('refuses a wrong check character, a changed digit, an impossible birth date and wrong lengths', () => {
    expect(isValidResidentIdNumber('150702199001011234')).toBe(false);
    expect(isValidResidentIdNumber('11010519491231012X')).toBe(false);
    expect(isValidResidentIdNumber('150702199002301233')).toBe(false); // 30 February
    expect(isValidResidentIdNumber('15070219900101123')).toBe(false);
    expect(isValidResidentIdNumber('15070219900101123Y')).toBe(false);
  });

  it('accepts a unified social credit code whose 18th character is its GB 32100 check character', () => {
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidUnifiedSocialCreditCode('911101080000000007')).toBe(true);
  });

  it('refuses a credit code with a wrong check character, a forbidden letter or a wrong length', () => {
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidUnifiedSocialCreditCode('91350100M000100I43')).toBe(false);
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
