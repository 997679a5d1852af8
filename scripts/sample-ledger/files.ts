import ExcelJS from 'exceljs';
import {
  caseSourceLabelsZh,
  dispositionLabelsZh,
  disputeCategoryLabelsZh,
  isSettled,
  triageClassLabelsZh,
} from '../../domain/vocabulary.js';
import {
  courtReferralTypeLabelsZh,
  type LedgerField,
  ledgerColumns,
  partyRoleLabelsZh,
  prosecutionDecisionLabelsZh,
} from '../../use-cases/ledger-import/ledger-columns.js';
import { formatYuan } from '../../use-cases/ledger-import/ledger-values.js';
import { formatCsv } from '../../use-cases/ledger-import/parse-csv.js';
import type { SampleCase } from '../generate-sample-ledger.js';
import { sampleUnits } from './people.js';

type Cell = string | number | Date | null;

const yesNo = (value: boolean) => (value ? '是' : '否');
const money = (fen: number | null) => (fen === null ? null : fen / 100);
const day = (date: string) => new Date(`${date}T00:00:00Z`);

/** One ledger row, as typed cells (XLSX keeps dates and amounts typed; CSV writes them as text). */
function cellsOf(entry: SampleCase): Record<LedgerField, Cell> {
  return {
    caseNumber: entry.ledgerNumber,
    registeredOn: day(entry.registeredOn),
    source: caseSourceLabelsZh[entry.source],
    category: disputeCategoryLabelsZh[entry.category],
    triageClass: triageClassLabelsZh[entry.triageClass],
    summary: entry.summary,
    unitCode: entry.unit.code,
    mediatorName: entry.mediatorName,
    parties: entry.parties
      .map((party) =>
        [party.name, partyRoleLabelsZh[party.role], party.idNumber, party.phone ?? ''].join('|'),
      )
      .join(';'),
    partiesCount: entry.parties.length,
    claimAmount: money(entry.claimAmountFen),
    disposition: dispositionLabelsZh[entry.disposition],
    agreementAmount: money(entry.agreementAmountFen),
    closedOn: day(entry.closedOn),
    courtReferral: yesNo(entry.court !== null),
    courtReferralType: entry.court ? courtReferralTypeLabelsZh[entry.court.type] : null,
    courtName: entry.court?.courtName ?? null,
    courtFeeSaved: entry.court?.feeWritten ? money(entry.court.feeSavedFen) : null,
    prosecutionReferral: yesNo(entry.prosecution !== null),
    prosecutionDecision: entry.prosecution ? prosecutionDecisionLabelsZh[entry.prosecution.decision] : null,
    online: yesNo(entry.online),
    conferenceOn: entry.conferenceOn ? day(entry.conferenceOn) : null,
  };
}

const fields = Object.keys(ledgerColumns) as LedgerField[];
const fenFields = new Set<LedgerField>(['claimAmount', 'agreementAmount', 'courtFeeSaved']);

function csvText(field: LedgerField, cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number')
    return fenFields.has(field) ? formatYuan(Math.round(cell * 100)) : String(cell);
  return cell;
}

export function sampleLedgerCsv(entries: readonly SampleCase[]): string {
  const header = fields.map((field) => ledgerColumns[field].header);
  const rows = entries.map((entry) => {
    const cells = cellsOf(entry);
    return fields.map((field) => csvText(field, cells[field]));
  });
  return formatCsv([header, ...rows]);
}

export async function sampleLedgerXlsx(entries: readonly SampleCase[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const fixed = new Date('2023-01-03T00:00:00Z');
  workbook.creator = 'feisutong scripts/generate-sample-ledger.ts';
  workbook.created = fixed;
  workbook.modified = fixed;
  const sheet = workbook.addWorksheet('2022年台账');
  sheet.columns = fields.map((field) => ({
    header: ledgerColumns[field].header,
    key: field,
    width: field === 'parties' ? 60 : field === 'summary' ? 28 : 14,
    ...(fenFields.has(field) ? { style: { numFmt: '#,##0.00' } } : {}),
    ...(field === 'registeredOn' || field === 'closedOn' || field === 'conferenceOn'
      ? { style: { numFmt: 'yyyy-mm-dd' } }
      : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const entry of entries) sheet.addRow(cellsOf(entry));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Tally {
  received: number;
  settled: number;
  amountSettledFen: number;
}

const concludedDispositions = new Set([
  'settled_written',
  'settled_oral',
  'failed',
  'withdrawn',
  'terminated',
]);
const sorted = <T>(record: Record<string, T>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The totals as the generator counts them from its own cases (not through the importer): `ledger` as the
 * import answers them, `statistics` as GET /v1/statistics defines its measures (a cohort of the cases
 * registered in the period; settledOnline = settled cases that came in online or by WeChat).
 */
export function sampleLedgerTotals(entries: readonly SampleCase[]) {
  const settledOf = (entry: SampleCase) => isSettled(entry.disposition);
  const sum = (items: readonly SampleCase[], value: (entry: SampleCase) => number) =>
    items.reduce((total, entry) => total + value(entry), 0);
  const settled = entries.filter(settledOf);
  const court = entries.filter((entry) => entry.court);
  const prosecution = entries.filter((entry) => entry.prosecution);
  const amount = (items: readonly SampleCase[]) => sum(items, (entry) => entry.agreementAmountFen ?? 0);
  const breakdown = (keyOf: (entry: SampleCase) => string) => {
    const tallies: Record<string, Tally> = {};
    for (const entry of entries) {
      const key = keyOf(entry);
      const tally = tallies[key] ?? { received: 0, settled: 0, amountSettledFen: 0 };
      tallies[key] = tally;
      tally.received += 1;
      if (!settledOf(entry)) continue;
      tally.settled += 1;
      tally.amountSettledFen += entry.agreementAmountFen ?? 0;
    }
    return sorted(tallies);
  };
  const count = (keyOf: (entry: SampleCase) => string, items: readonly SampleCase[]) => {
    const counts: Record<string, number> = {};
    for (const entry of items) counts[keyOf(entry)] = (counts[keyOf(entry)] ?? 0) + 1;
    return sorted(counts);
  };
  return {
    ledger: {
      received: entries.length,
      peopleServed: sum(entries, (entry) => entry.parties.length),
      settled: settled.length,
      settledAmountFen: amount(settled),
      claimAmountFen: sum(entries, (entry) => entry.claimAmountFen ?? 0),
      courtReceived: court.length,
      courtSettled: court.filter(settledOf).length,
      courtFeeSavedFen: sum(court.filter(settledOf), (entry) => entry.court!.feeSavedFen ?? 0),
      prosecutionReceived: prosecution.length,
      prosecutionSettled: prosecution.filter(settledOf).length,
      prosecutionSettledAmountFen: amount(prosecution.filter(settledOf)),
      settledOnline: settled.filter((entry) => entry.online).length,
      byDisposition: count((entry) => entry.disposition, entries),
    },
    statistics: {
      totals: {
        peopleServed: sum(entries, (entry) => entry.parties.length),
        received: entries.length,
        settled: settled.length,
        concluded: entries.filter((entry) => concludedDispositions.has(entry.disposition)).length,
        amountSettledFen: amount(settled),
        courtReceived: court.length,
        courtSettled: court.filter(settledOf).length,
        courtFeeSavedFen: sum(court.filter(settledOf), (entry) => entry.court!.feeSavedFen ?? 0),
        prosecutionReceived: prosecution.length,
        prosecutionSettled: prosecution.filter(settledOf).length,
        prosecutionAmountFen: amount(prosecution.filter(settledOf)),
        prosecutionDecisions: count((entry) => entry.prosecution!.decision, prosecution),
        settledOnline: settled.filter((entry) => entry.source === 'online' || entry.source === 'wechat')
          .length,
      },
      /** By month of registration (China time). */
      byMonth: breakdown((entry) => entry.registeredOn.slice(0, 7)),
      byCategory: breakdown((entry) => entry.category),
      bySource: breakdown((entry) => entry.source),
      byUnit: breakdown((entry) => entry.unit.code),
    },
  };
}

export async function sampleLedgerFiles(
  entries: readonly SampleCase[],
  name: string,
): Promise<Record<string, Buffer>> {
  const known = {
    name,
    generatedBy: 'scripts/generate-sample-ledger.ts',
    note:
      'Totals counted by the generator from its own cases; money in fen. `ledger`: as POST /v1/admin/import ' +
      'answers them; `statistics`: as GET /v1/statistics?from=2022-01-01&to=2022-12-31 must. The units ' +
      'must exist (by code) before the import.',
    units: sampleUnits.map(({ code, name: unitName, kind }) => ({ code, name: unitName, kind })),
    ...sampleLedgerTotals(entries),
  };
  return {
    [`${name}.csv`]: Buffer.from(sampleLedgerCsv(entries), 'utf8'),
    [`${name}.xlsx`]: await sampleLedgerXlsx(entries),
    [`${name}.totals.json`]: Buffer.from(`${JSON.stringify(known, null, 2)}\n`, 'utf8'),
  };
}
