/**
 * Check digits of Chinese identity numbers, so that a mistyped number is caught at the window instead
 * of silently failing to match later (duplicate and conflict-of-interest checks compare numbers).
 */

const residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const residentCheckCharacters = '10X98765432';

/** GB 11643-1999: 17 digits (region, birth date, sequence) and a check character 0–9 or X (ISO 7064 MOD 11-2). */
export function isValidResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const sum = residentWeights.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  return residentCheckCharacters[sum % 11] === value[17];
}

const creditCodeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 统一社会信用代码: 18 characters of a 31-letter alphabet (no I, O, Z, S, V), the last a check (MOD 31). */
export function isValidUnifiedSocialCreditCode(value: string): boolean {
  if (value.length !== 18) return false;
  const codes = [...value].map((character) => creditCodeAlphabet.indexOf(character));
  if (codes.some((code) => code < 0)) return false;
  const sum = creditCodeWeights.reduce((total, weight, i) => total + weight * codes[i]!, 0);
  return codes[17] === (31 - (sum % 31)) % 31;
}

/** Mainland mobile (1 and ten digits) or a landline with its area code (0 and 9–11 digits, dash allowed). */
export function isPlausibleChinesePhone(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '').replace(/^\+86/, '');
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits);
}
