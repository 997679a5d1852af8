import type { Database } from '../../db/client.js';
import { chinaDateOf } from '../../domain/dates.js';
import type { Principal } from '../auth/principal.js';
import type { Download } from '../shared/download.js';
import { type LedgerFilter, ledgerColumns, ledgerPages } from './ledger.js';
import { resolveSupervisionScope } from './scope.js';
import { csvStream, periodName, xlsxStream } from './tabular-export.js';

/**
 * The case ledger (案件台账) as CSV or XLSX, streamed page by page, within the caller's scope. ID and
 * phone numbers are masked for every role but admin. The first page is read before answering, so a
 * refused unit is a refusal and not a broken download.
 */
export async function exportLedger(
  db: Database,
  principal: Principal,
  filter: LedgerFilter,
  format: 'csv' | 'xlsx',
): Promise<Download> {
  const scope = await resolveSupervisionScope(db, principal);
  const fullContactDetails = principal.kind === 'staff' && principal.role === 'admin';
  const pages = ledgerPages(db, scope, filter, { fullContactDetails });
  const first = await pages.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* pages;
  }
  const sheet = { name: '案件台账', columns: ledgerColumns, pages: all() };
  const body = format === 'xlsx' ? xlsxStream([sheet]) : csvStream(sheet);
  const period = periodName(filter.registeredFrom, filter.registeredTo, chinaDateOf(Date.now()));
  return {
    format,
    body,
    fileName: { zh: `案件台账-${period}`, ascii: `case-ledger-${period.replace(/[^\d-]/g, '_')}` },
  };
}
