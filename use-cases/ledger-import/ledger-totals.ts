import { isSettled } from '../../domain/vocabulary.js';
import type { LedgerCase } from './validate-ledger.js';

/** What a ledger adds up to: kept with its import batch, and answered to the admin who imported it. */
export interface LedgerTotals {
  received: number;
  peopleServed: number;
  settled: number;
  settledAmountFen: number;
  claimAmountFen: number;
  courtReceived: number;
  courtSettled: number;
  courtFeeSavedFen: number;
  prosecutionReceived: number;
  prosecutionSettled: number;
  prosecutionSettledAmountFen: number;
  settledOnline: number;
  byDisposition: Record<string, number>;
}

export function totalLedger(cases: readonly LedgerCase[]): LedgerTotals {
  const totals: LedgerTotals = {
    received: 0,
    peopleServed: 0,
    settled: 0,
    settledAmountFen: 0,
    claimAmountFen: 0,
    courtReceived: 0,
    courtSettled: 0,
    courtFeeSavedFen: 0,
    prosecutionReceived: 0,
    prosecutionSettled: 0,
    prosecutionSettledAmountFen: 0,
    settledOnline: 0,
    byDisposition: {},
  };
  for (const ledgerCase of cases) {
    const settled = isSettled(ledgerCase.disposition);
    const amount = ledgerCase.agreementAmountFen ?? 0;
    totals.received += 1;
    totals.peopleServed += ledgerCase.partiesCount;
    totals.claimAmountFen += ledgerCase.claimAmountFen ?? 0;
    totals.byDisposition[ledgerCase.disposition] = (totals.byDisposition[ledgerCase.disposition] ?? 0) + 1;
    if (ledgerCase.court) totals.courtReceived += 1;
    if (ledgerCase.prosecution) totals.prosecutionReceived += 1;
    if (!settled) continue;
    totals.settled += 1;
    totals.settledAmountFen += amount;
    if (ledgerCase.online) totals.settledOnline += 1;
    if (ledgerCase.court) {
      totals.courtSettled += 1;
      totals.courtFeeSavedFen += ledgerCase.court.feeSavedFen ?? 0;
    }
    if (ledgerCase.prosecution) {
      totals.prosecutionSettled += 1;
      totals.prosecutionSettledAmountFen += amount;
    }
  }
  return totals;
}
