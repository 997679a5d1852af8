import { describe, expect, it } from 'vitest';
import {
  isValidUnifiedSocialCreditCode as isUnifiedSocialCreditCode,
  normaliseCreditCode,
} from '../../../domain/identity-numbers.js';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Codes published on business licences, and the standard's own worked example.
  it.each(['91350100M000100Y43', '91110108551385082Q', '91440300708461136T'])('accepts %s', (code) => {
    expect(isUnifiedSocialCreditCode(code)).toBe(true);
  });

  it.each([
    ['91110108551385082R', 'a wrong check character'],
    ['91110108551385082', 'seventeen characters'],
    ['911101085513850820Q', 'nineteen characters'],
    ['9111010855138508IQ', 'the letter I, which the alphabet leaves out'],
    ['91A10108551385082Q', 'a letter in the administrative division'],
    ['01110108551385082Q', 'registering authority 0'],
    ['91110108551385082q', 'a lower-case check letter (normalise first)'],
  ])('refuses %s (%s)', (code) => {
    expect(isUnifiedSocialCreditCode(code)).toBe(false);
  });

  it('normalises spaces and case before checking', () => {
    expect(isUnifiedSocialCreditCode(normaliseCreditCode(' 9111 0108 5513 8508 2q '))).toBe(true);
  });
});
