import type { TransitionName } from '../../domain/transition-table.js';
import { allowedTransitions, type CaseFacts } from '../../domain/transitions.js';
import type { CaseView } from '../../workflows/case.messages.js';
import type { PoliceProgress, ProsecutionProgress } from '../../workflows/referral.messages.js';
import { type CaseReach, seesFullContactDetails } from './case-access.js';
import { maskParty } from './masking.js';

/** A case as a caller reads it: the workflow's view, masked for their role, with what they may do next. */
export type CaseResponse = Omit<CaseView, 'projectedSeq' | 'prosecution' | 'police' | 'linkPending'> & {
  prosecution: ProsecutionProgress | null;
  police: PoliceProgress | null;
  linkPending: string | null;
  /** What the caller may do to the case now (for buttons in a UI). */
  allowedTransitions: TransitionName[];
  links: { self: string; events: string };
};

function caseFactsOf(view: CaseView): CaseFacts {
  return {
    stage: view.stage,
    assigneeId: view.assigneeId,
    outcome: view.disposition,
    extensionPending: view.extensions.some((extension) => extension.decision === null),
    followUpRecorded: view.followUp !== null,
    linkPending: view.linkPending !== null && view.linkPending !== undefined,
  };
}

export function caseLinks(caseNumber: string) {
  const self = `/v1/cases/${caseNumber}`;
  return { self, events: `${self}/events` };
}

export function toCaseResponse(view: CaseView, reach: CaseReach): CaseResponse {
  const { projectedSeq: _projectedSeq, ...rest } = view;
  const { principal } = reach;
  const scope = { unitId: view.unitId, assigneeId: view.assigneeId };
  return {
    ...rest,
    parties: seesFullContactDetails(reach, scope) ? view.parties : view.parties.map(maskParty),
    referral: view.referral ?? null,
    prosecution: view.prosecution ?? null,
    police: view.police ?? null,
    linkPending: view.linkPending ?? null,
    supervisionOrders: view.supervisionOrders ?? [],
    allowedTransitions:
      principal.kind === 'staff'
        ? allowedTransitions(caseFactsOf(view), { id: principal.userId, role: principal.role })
        : [],
    links: caseLinks(view.caseNumber),
  };
}
