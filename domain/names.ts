/**
 * A person's or organisation's name reduced for matching: full-width forms folded (NFKC), case
 * folded, and spaces and the dots and dashes of transliterated names (·, •, -) removed. 张 三 and 张三
 * match; 张三 and 张叁 do not.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·•・.\-‐–—_'"()（）]/g, '');
}

/** ID numbers compare without spaces and with the check letter in upper case (…123x = …123X). */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.replace(/\s/g, '').toUpperCase();
}
