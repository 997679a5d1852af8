import type { Database } from '../../db/client.js';
import type { Principal } from '../auth/principal.js';
import { findPossibleDuplicates, type PossibleDuplicate } from './find-possible-duplicates.js';

/**
 * Cases with a party of exactly this ID number, 统一社会信用代码 or phone, open or closed, among those
 * the caller may read (a mediator: their own). The number is compared in the database; callers keep it
 * out of URLs and logs.
 */
export async function searchCasesByPartyNumber(
  db: Database,
  principal: Principal,
  number: string,
): Promise<PossibleDuplicate[]> {
  const compact = number.replace(/[\s-]/g, '').toUpperCase();
  const asPhone = /^\+?\d{7,15}$/.test(compact);
  return findPossibleDuplicates(
    db,
    principal,
    [
      {
        kind: 'person',
        name: '该号码',
        role: 'applicant',
        idNumber: compact,
        ...(asPhone ? { phone: compact } : {}),
      },
    ],
    { includeClosed: true },
  );
}
