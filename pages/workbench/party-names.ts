/**
 * Parties in one cell of a list: each name with its masked ID number (王芳（150702********1233）), so
 * two people of one name can be told apart without the list ever holding a full number. Callers pass
 * numbers already masked by the use case.
 */
export function partiesCell(
  parties: readonly { name: string; maskedIdNumber?: string | null | undefined }[],
): string {
  return parties
    .map((party) => (party.maskedIdNumber ? `${party.name}（${party.maskedIdNumber}）` : party.name))
    .join('、');
}
