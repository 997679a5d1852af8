import type { Principal } from '../auth/principal.js';
import {
  findPossibleDuplicates,
  type PartyLookup,
  type PossibleDuplicate,
} from './find-possible-duplicates.js';

/**
 * Cases with a party of exactly this ID number, 统一社会信用代码 or phone, open or closed, among those
 * the caller may read (a mediator: their own), found through the digest index. Callers keep the number
 * out of URLs (the search is a POST) and logs.
 */
export async function searchCasesByPartyNumber(
  lookup: PartyLookup,
  principal: Principal,
  number: string,
): Promise<PossibleDuplicate[]> {
  // The box does not say what it was given: look the text up as an ID number and as a phone.
  return findPossibleDuplicates(lookup, principal, [{ name: '该号码', idNumber: number, phone: number }], {
    includeClosed: true,
  });
}
