/**
 * Case numbers: `<prefix>-<year>-<six digits>`, e.g. HLBE-2026-000123, one per case from the first
 * contact to the archive. The prefix is the centre's (CASE_NUMBER_PREFIX).
 */
export const caseNumberPattern = /^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{6}$/;

export function isCaseNumber(text: string): boolean {
  return caseNumberPattern.test(text);
}
