import type { InferInsertModel } from 'drizzle-orm';
import type { caseEvents } from '../../db/schema/index.js';
import { chinaTimeOnDate } from '../../domain/dates.js';
import type { Disposition } from '../../domain/vocabulary.js';
import { type CaseRow, caseRow, partyRows } from '../../read-model/case-rows.js';
import type { Actor, CaseOutcome, CaseView } from '../../workflows/case.messages.js';
import type { CourtReferralType, ProsecutionDecision } from './ledger-columns.js';
import type { LedgerCase } from './validate-ledger.js';

/** What the ledger said that CaseView has no place for, kept with the case. */
interface ImportedFacts {
  batchId: string;
  row: number;
  /** The number in the ledger (the case number itself when it was kept). */
  ledgerNumber: string;
  unitCode: string;
  mediatorName: string | null;
  partiesCount: number;
  claimAmountFen: number | null;
  online: boolean;
  court: { type: CourtReferralType; courtName: string | null; feeSavedFen: number | null } | null;
  prosecution: { decision: ProsecutionDecision | null } | null;
}

/**
 * An imported case's state: CaseView as far as a ledger row allows (stage archived, no deadlines, no
 * sessions), with the ledger's own facts under `imported`. Fields the case workflow adds for live
 * referrals (referral, court progress, pending link) are empty or summarised.
 */
type ImportedCaseView = Omit<CaseView, 'referral' | 'court' | 'linkPending'> & {
  referral: null;
  court: { feeSavedFen: number | null } | null;
  linkPending: null;
  imported: ImportedFacts;
};

const outcomeTransitions: Record<Disposition, CaseOutcome['transition']> = {
  settled_written: 'settle',
  settled_oral: 'settle',
  failed: 'fail',
  withdrawn: 'withdraw',
  terminated: 'terminate',
  referred_out: 'referOut',
  rejected: 'reject',
  transferred_for_filing: 'fail', // mediation failed, then the court filed it (转立案)
};

/** A ledger gives days, not times: registered at 09:00 and closed at 17:00 China time that day. */
export function chinaOfficeTime(date: string, hour: number): Date {
  return new Date(chinaTimeOnDate(date, hour));
}

interface ImportContext {
  batchId: string;
  importer: Actor;
  importedAt: Date;
  fileName: string;
}

export function buildImportedCase(ledgerCase: LedgerCase, caseNumber: string, context: ImportContext) {
  const registeredAt = chinaOfficeTime(ledgerCase.registeredOn, 9);
  const closedAt = chinaOfficeTime(ledgerCase.closedOn, 17);
  const settled = outcomeTransitions[ledgerCase.disposition] === 'settle';
  const registeredBy: Actor = { kind: 'system', id: `import:${context.batchId}` };
  const view: ImportedCaseView = {
    caseNumber,
    stage: 'archived',
    source: ledgerCase.source,
    summary: ledgerCase.summary,
    unitId: ledgerCase.unitId,
    assigneeId: null,
    triageClass: ledgerCase.triageClass,
    category: ledgerCase.category,
    parties: ledgerCase.parties,
    registeredAt: registeredAt.toISOString(),
    registeredBy,
    outcome: {
      transition: outcomeTransitions[ledgerCase.disposition],
      disposition: ledgerCase.disposition,
      at: closedAt.toISOString(),
      by: registeredBy.id,
      details: { imported: true },
    },
    disposition: ledgerCase.disposition,
    amountFen: ledgerCase.agreementAmountFen,
    sessions: 0,
    extensions: [],
    followUp: null,
    deadlines: [],
    supervisionOrders: [],
    referral: null,
    court: ledgerCase.court ? { feeSavedFen: ledgerCase.court.feeSavedFen } : null,
    linkPending: null,
    overdue: false,
    closedAt: closedAt.toISOString(),
    seq: 1,
    projectedSeq: 1,
    imported: {
      batchId: context.batchId,
      row: ledgerCase.row,
      ledgerNumber: ledgerCase.ledgerNumber,
      unitCode: ledgerCase.unitCode,
      mediatorName: ledgerCase.mediatorName,
      partiesCount: ledgerCase.partiesCount,
      claimAmountFen: ledgerCase.claimAmountFen,
      online: ledgerCase.online,
      court: ledgerCase.court,
      prosecution: ledgerCase.prosecution,
    },
  };
  const row: CaseRow = caseRow(view as unknown as CaseView, context.importedAt, {
    origin: 'import',
    workflowId: `import:${caseNumber}`,
    importBatchId: context.batchId,
    referralKind: ledgerCase.court ? 'court' : ledgerCase.prosecution ? 'prosecution' : null,
    referralType: ledgerCase.court?.type ?? null,
    claimAmountFen: ledgerCase.claimAmountFen,
    institutionDecision: ledgerCase.prosecution?.decision ?? null,
    partiesCount: ledgerCase.partiesCount,
    settledAt: settled ? closedAt : null,
  });
  // A ledger keeps no addresses.
  const parties = partyRows(caseNumber, ledgerCase.parties).map((party) => ({ ...party, address: null }));
  const summary = { stage: 'archived', assigneeId: null, unitId: ledgerCase.unitId };
  const eventRow: InferInsertModel<typeof caseEvents> = {
    caseNumber,
    seq: 1,
    type: 'imported',
    actorKind: context.importer.kind,
    actorId: context.importer.id,
    at: context.importedAt,
    before: null,
    after: summary,
    payload: {
      batchId: context.batchId,
      fileName: context.fileName,
      row: ledgerCase.row,
      ledgerNumber: ledgerCase.ledgerNumber,
    },
  };
  return { caseRow: row, partyRows: parties, eventRow };
}
