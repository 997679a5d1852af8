import type { InferInsertModel } from 'drizzle-orm';
import type { cases, parties } from '../db/schema/index.js';
import { normaliseIdNumber, normaliseName } from '../domain/names.js';
import type { CaseView, PartyInput } from '../workflows/case.messages.js';

export type CaseRow = InferInsertModel<typeof cases>;
type PartyRow = InferInsertModel<typeof parties>;

/**
 * What the read model holds of a case beyond its view when the view cannot say it: a case imported
 * from the legacy ledger has no workflow, no referral record and counts its parties as the ledger did.
 */
type CaseRowFacts = Partial<
  Pick<
    CaseRow,
    | 'origin'
    | 'workflowId'
    | 'importBatchId'
    | 'referralKind'
    | 'referralType'
    | 'claimAmountFen'
    | 'institutionDecision'
    | 'partiesCount'
    | 'settledAt'
  >
>;

/**
 * The `cases` row of a case, from the case as its workflow holds it: the one mapping from view to read
 * model, for the projection of live cases and for the ledger import alike.
 */
export function caseRow(view: CaseView, updatedAt: Date, facts: CaseRowFacts = {}): CaseRow {
  const live = view.deadlines.filter((deadline) => deadline.closedAt === null);
  const nextDue = live.map((deadline) => deadline.explanation.dueAt).sort()[0];
  return {
    caseNumber: view.caseNumber,
    workflowId: `case-${view.caseNumber}`,
    source: view.source,
    stage: view.stage,
    triageClass: view.triageClass,
    category: view.category,
    outcome: view.outcome?.transition ?? null,
    summary: view.summary,
    unitId: view.unitId,
    assigneeId: view.assigneeId,
    registeredById: view.registeredBy.kind === 'staff' ? view.registeredBy.id : null,
    amountFen: view.amountFen,
    disposition: view.disposition,
    overdue: view.overdue,
    greenChannel: view.greenChannel != null,
    greenChannelEnterpriseId: view.greenChannel?.enterpriseId ?? null,
    nextDueAt: nextDue ? new Date(nextDue) : null,
    deadlines: view.deadlines,
    state: view,
    lastSeq: view.seq,
    registeredAt: new Date(view.registeredAt),
    updatedAt,
    closedAt: view.closedAt ? new Date(view.closedAt) : null,
    partiesCount: view.parties.length,
    referralKind: view.referral?.kind ?? null,
    referralType: view.referral?.kind === 'court' ? view.referral.type : null,
    referringInstitutionId: view.referral?.institutionId ?? null,
    externalReference: view.referral?.reference ?? null,
    claimAmountFen:
      view.referral?.kind === 'court' ? view.referral.claimAmountFen : (view.claimAmountFen ?? null),
    courtFeeSavedFen: view.court?.feeSavedFen ?? null,
    institutionDecision:
      view.court?.confirmation?.decision?.decision ?? view.prosecution?.decision?.decision ?? null,
    settledAt: view.outcome?.transition === 'settle' ? new Date(view.outcome.at) : null,
    ...facts,
  };
}

/** The `parties` rows of a case: names and ID numbers also kept normalised, for matching. */
export function partyRows(caseNumber: string, list: readonly PartyInput[]): PartyRow[] {
  return list.map((party, ordinal) => ({
    caseNumber,
    ordinal,
    kind: party.kind,
    name: party.name,
    nameNormalised: normaliseName(party.name),
    role: party.role,
    idType: party.idType ?? null,
    idNumber: party.idNumber ? normaliseIdNumber(party.idNumber) : null,
    phone: party.phone ?? null,
    address: party.address ?? null,
  }));
}
