/**
 * Checks of identity numbers people type in: pure, so the API's schemas and the pages use the same.
 */

/** GB 32100-2015: the 31 characters of a 统一社会信用代码 (digits and capitals without I, O, Z, S, V). */
const creditCodeCharacters = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of each of the first 17 characters: 3^i mod 31. */
const creditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character (the 18th) the first 17 characters call for, or undefined if one is not allowed. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let index = 0; index < 17; index++) {
    const value = creditCodeCharacters.indexOf(first17[index]!);
    if (value < 0) return undefined;
    sum += value * creditCodeWeights[index]!;
  }
  return creditCodeCharacters[(31 - (sum % 31)) % 31];
}

/**
 * Whether `code` is a 统一社会信用代码 as GB 32100-2015 writes it: 18 characters of its alphabet, a
 * registering authority (1–9, A–G, N, Y), six digits of the administrative division at positions 3–8,
 * and the check character that the weighted sum modulo 31 calls for.
 */
export function isUnifiedSocialCreditCode(code: string): boolean {
  if (!/^[1-9A-GNY][0-9A-HJ-NP-RTUW-Y]\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/.test(code)) return false;
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}

/** How a credit code is stored and compared: without spaces, in capitals. */
export function normaliseCreditCode(code: string): string {
  return code.replace(/\s/g, '').toUpperCase();
}
