import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  caseEvents,
  cases,
  importBatches,
  parties,
  partyLookupDigests,
  units,
} from '../../db/schema/index.js';
import { chinaDateOf } from '../../domain/dates.js';
import { Refusal } from '../../domain/refusals.js';
import { lookupDigesterFor } from '../../lib/lookup-digest.js';
import { lookupDigestRows } from '../../read-model/lookup-digest-rows.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { assignCaseNumbers, keepsLedgerNumber } from './assign-case-numbers.js';
import { buildImportedCase } from './build-imported-case.js';
import { ledgerColumns } from './ledger-columns.js';
import { type LedgerTotals, totalLedger } from './ledger-totals.js';
import { type LedgerFormat, readLedger, UnreadableLedgerError } from './read-ledger.js';
import { checkLedger, type LedgerCase, type LedgerRowError } from './validate-ledger.js';

const maxLedgerRows = 50_000;
/** Row errors listed in one answer; the count says how many there were in all. */
const maxReportedErrors = 500;
const insertChunk = 500;

interface ImportLedgerDependencies {
  db: Database;
  caseNumberPrefix: string;
  /** Key of the parties' look-up index (LOOKUP_HASH_KEY): imported parties are found like registered ones. */
  lookupHashKey: string;
}

interface ImportLedgerInput {
  bytes: Uint8Array;
  format: LedgerFormat;
  fileName: string;
  importer: StaffPrincipal;
  /** Check and total the file without writing anything. */
  dryRun: boolean;
  now?: Date;
}

interface ImportLedgerResult {
  batchId: string | null;
  fileName: string;
  format: LedgerFormat;
  fileSha256: string;
  dryRun: boolean;
  rowCount: number;
  totals: LedgerTotals;
  /** Rows whose ledger number was not in our format and got a new case number (none in a dry run). */
  renumbered: { row: number; ledgerNumber: string; caseNumber: string }[];
}

function rowProblem(code: 'ledger_invalid' | 'ledger_cases_exist', errors: LedgerRowError[]): Refusal {
  const listed = errors.slice(0, maxReportedErrors);
  return new Refusal(code, {
    detail: `${errors.length} row error(s); the first: row ${listed[0]?.row}, ${listed[0]?.column}: ${listed[0]?.reason}`,
    errorCount: errors.length,
    errors: listed.map((error) => ({
      field: error.column ? `row ${error.row}: ${error.column}` : `row ${error.row}`,
      row: error.row,
      column: error.column,
      reason: error.reason,
    })),
  });
}

async function checkFile(db: Database, input: ImportLedgerInput): Promise<LedgerCase[]> {
  let records: string[][];
  try {
    records = await readLedger(input.bytes, input.format);
  } catch (error) {
    if (error instanceof UnreadableLedgerError) {
      throw new Refusal('ledger_unreadable', { detail: error.reasonZh });
    }
    throw error;
  }
  if (records.length - 1 > maxLedgerRows) {
    throw new Refusal('ledger_too_large', { detail: `At most ${maxLedgerRows} rows per file.` });
  }
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units);
  const { cases: checked, errors } = checkLedger(records, {
    units: new Map(unitRows.map((unit) => [unit.code, unit.id])),
    today: chinaDateOf((input.now ?? new Date()).getTime()),
  });
  if (errors.length > 0) throw rowProblem('ledger_invalid', errors);
  return checked;
}

type Reader = Pick<Database, 'select'>;

/** Rows whose case (by kept number or by ledger number) is already in the system. */
async function findImported(db: Reader, checked: readonly LedgerCase[]): Promise<LedgerRowError[]> {
  const kept = checked.filter((row) => keepsLedgerNumber(row.ledgerNumber)).map((row) => row.ledgerNumber);
  const ledgerNumbers = checked.map((row) => row.ledgerNumber);
  const ledgerNumberOf = sql<string | null>`${cases.state}->'imported'->>'ledgerNumber'`;
  const found = await db
    .select({ caseNumber: cases.caseNumber, ledgerNumber: ledgerNumberOf })
    .from(cases)
    .where(
      or(
        kept.length > 0 ? inArray(cases.caseNumber, kept) : undefined,
        and(eq(cases.origin, 'import'), inArray(ledgerNumberOf, ledgerNumbers)),
      ),
    );
  const taken = new Map<string, string>();
  for (const row of found) {
    taken.set(row.caseNumber, row.caseNumber);
    if (row.ledgerNumber) taken.set(row.ledgerNumber, row.caseNumber);
  }
  return checked
    .filter((row) => taken.has(row.ledgerNumber))
    .map((row) => ({
      row: row.row,
      column: ledgerColumns.caseNumber.header,
      reason: `案件编号「${row.ledgerNumber}」已在系统中（${taken.get(row.ledgerNumber)}）`,
    }));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Import a legacy ledger as archived cases (no workflows: they are closed). All or nothing: every row is
 * checked first, and the cases, their parties, one 'imported' event each (and a 'conference_held' one
 * for a row with a 研判会日期) and the batch row are written
 * in one transaction. The same file twice is a 409 naming the first batch; rows whose cases are already
 * in the system (an overlapping ledger) are a 409 naming the rows.
 */
export async function importLedger(
  deps: ImportLedgerDependencies,
  input: ImportLedgerInput,
): Promise<ImportLedgerResult> {
  const fileSha256 = sha256(input.bytes);
  const checked = await checkFile(deps.db, input);
  const totals = totalLedger(checked);
  const base = {
    fileName: input.fileName,
    format: input.format,
    fileSha256,
    rowCount: checked.length,
    totals,
  };
  if (input.dryRun) {
    const conflicts = await findImported(deps.db, checked);
    if (conflicts.length > 0) throw rowProblem('ledger_cases_exist', conflicts);
    return { ...base, batchId: null, dryRun: true, renumbered: [] };
  }

  return deps.db.transaction(async (tx) => {
    // Imports are rare and large: one at a time, so two uploads of one file cannot both pass the checks.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('feisutong:ledger-import'))`);
    const [earlier] = await tx
      .select({ id: importBatches.id, importedAt: importBatches.importedAt })
      .from(importBatches)
      .where(sql`${importBatches.totals}->>'fileSha256' = ${fileSha256}`)
      .limit(1);
    if (earlier) {
      throw new Refusal('ledger_already_imported', {
        detail: `Batch ${earlier.id}.`,
        batchId: earlier.id,
        importedAt: earlier.importedAt.toISOString(),
      });
    }
    const conflicts = await findImported(tx, checked);
    if (conflicts.length > 0) throw rowProblem('ledger_cases_exist', conflicts);

    const batchId = randomUUID();
    const importedAt = input.now ?? new Date();
    await tx.insert(importBatches).values({
      id: batchId,
      fileName: input.fileName,
      format: input.format,
      rowCount: checked.length,
      importedBy: input.importer.userId,
      importedAt,
      totals: { fileSha256, ...totals },
    });
    const numbers = await assignCaseNumbers(tx, checked, deps.caseNumberPrefix);
    const context = {
      batchId,
      importedAt,
      fileName: input.fileName,
      importer: {
        kind: 'staff' as const,
        id: input.importer.userId,
        role: input.importer.role,
        unitId: input.importer.unitId,
      },
    };
    const digest = lookupDigesterFor(deps.lookupHashKey);
    const built = checked.map((row) => buildImportedCase(row, numbers.get(row.row)!, context));
    for (let start = 0; start < built.length; start += insertChunk) {
      const chunk = built.slice(start, start + insertChunk);
      await tx.insert(cases).values(chunk.map((item) => item.caseRow));
      await tx.insert(caseEvents).values(chunk.flatMap((item) => item.eventRows));
      const partyRows = chunk.flatMap((item) => item.partyRows);
      if (partyRows.length > 0) await tx.insert(parties).values(partyRows);
      const digestRows = chunk.flatMap((item) =>
        lookupDigestRows(item.caseRow.caseNumber, item.partyRows, digest),
      );
      if (digestRows.length > 0) await tx.insert(partyLookupDigests).values(digestRows);
    }
    const renumbered = checked
      .filter((row) => numbers.get(row.row) !== row.ledgerNumber)
      .map((row) => ({ row: row.row, ledgerNumber: row.ledgerNumber, caseNumber: numbers.get(row.row)! }));
    return { ...base, batchId, dryRun: false, renumbered };
  });
}
