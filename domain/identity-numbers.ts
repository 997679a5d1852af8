/**
 * Check digits of the two numbers parties identify themselves with. Both are pure arithmetic over
 * the number itself, so a mistyped digit is caught at the window instead of in a court's files.
 */

/** GB 11643-1999: weights 2^(17-i) mod 11 of the 17 digits; ISO 7064 MOD 11-2 gives the 18th. */
const residentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const residentIdCheckCharacters = '10X98765432';

/**
 * A citizen identity number (公民身份号码): 17 digits (area, birth date, sequence) and a check
 * character 0–9 or X. The birth date must be a real calendar date. Expects the number normalised
 * (no spaces, X in upper case).
 */
export function isValidResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[0-9X]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1800 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  const sum = residentIdWeights.reduce((total, weight, index) => total + weight * Number(value[index]), 0);
  return residentIdCheckCharacters[sum % 11] === value[17];
}

/**
 * GB 32100-2015: 31 characters (digits and capitals without I, O, Z, S, V), weights 3^i mod 31; the
 * 18th character makes the weighted sum a multiple of 31.
 */
const creditCodeCharacters = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code (统一社会信用代码) of an organisation, normalised to upper case. */
export function isValidUnifiedSocialCreditCode(value: string): boolean {
  if (value.length !== 18) return false;
  const values = [...value].map((character) => creditCodeCharacters.indexOf(character));
  if (values.some((index) => index < 0)) return false;
  const sum = creditCodeWeights.reduce((total, weight, index) => total + weight * values[index]!, 0);
  return (31 - (sum % 31)) % 31 === values[17];
}

/** Mainland mobile (1 and ten digits) or a landline with its area code (0 and 9–11 digits, dash allowed). */
export function isPlausibleChinesePhone(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '').replace(/^\+86/, '');
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits);
}

/** How a credit code is stored and compared: without spaces, in capitals. */
export function normaliseCreditCode(code: string): string {
  return code.replace(/\s/g, '').toUpperCase();
}
