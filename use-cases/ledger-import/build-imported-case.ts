import type { InferInsertModel } from 'drizzle-orm';
import type { caseEvents } from '../../db/schema/index.js';
import { chinaTimeOnDate } from '../../domain/dates.js';
import type { Disposition } from '../../domain/vocabulary.js';
import { type CaseRow, caseRow, partyRows } from '../../read-model/case-rows.js';
import type { Actor, CaseOutcome, CaseView, ConferenceRecord } from '../../workflows/case.messages.js';
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

/** What a ledger's 研判会日期 says of the conference: the day only (at 10:00 China time), no minutes. */
const importedConclusionsZh = '历史台账导入：台账仅记载研判会召开日期，未记载参加人员、研判结论和化解方案';

function importedConference(conferenceOn: string, context: ImportContext): ConferenceRecord {
  return {
    heldAt: chinaOfficeTime(conferenceOn, 10).toISOString(),
    participants: [],
    conclusions: importedConclusionsZh,
    plan: '',
    n: 1,
    recordedBy: context.importer.id,
    recordedAt: context.importedAt.toISOString(),
  };
}

export function buildImportedCase(ledgerCase: LedgerCase, caseNumber: string, context: ImportContext) {
  const registeredAt = chinaOfficeTime(ledgerCase.registeredOn, 9);
  const conference = ledgerCase.conferenceOn ? importedConference(ledgerCase.conferenceOn, context) : null;
  const lastSeq = conference ? 2 : 1;
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
    ...(conference ? { conferences: [conference] } : {}),
    seq: lastSeq,
    projectedSeq: lastSeq,
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
  // The conference the ledger records, as the case's `conference_held` event (what the annual table
  // counts). Its instant is the day the ledger gives, not the import's: like the case's own registration
  // and closing, the ledger's facts keep their own dates.
  const conferenceRow: InferInsertModel<typeof caseEvents> | null = conference
    ? {
        caseNumber,
        seq: 2,
        type: 'conference_held',
        actorKind: context.importer.kind,
        actorId: context.importer.id,
        at: new Date(conference.heldAt),
        before: null,
        after: summary,
        payload: {
          heldAt: conference.heldAt,
          participants: [],
          conclusions: conference.conclusions,
          plan: conference.plan,
          n: 1,
          imported: { batchId: context.batchId, row: ledgerCase.row },
        },
      }
    : null;
  return {
    caseRow: row,
    partyRows: parties,
    eventRows: conferenceRow ? [eventRow, conferenceRow] : [eventRow],
  };
}
