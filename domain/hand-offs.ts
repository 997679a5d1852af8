import type { HandOffDeadlineKind } from './deadline-kinds.js';
import type { DeadlinePolicyKey } from './deadline-policy.js';
import type { InstitutionKind } from './vocabulary.js';

/**
 * Hand-offs (联动): a case in the link stage sent to a partner body, which acknowledges it and later
 * reports a result. Each kind names the bodies that may receive it, the outcome it needs, the deadline
 * policy of each step and the results it may come back with.
 */
export const handOffKinds = [
  'judicial_confirmation',
  'filing',
  'labour_arbitration',
  'commercial_arbitration',
  'legal_aid',
  'notarisation',
  'petition',
  'reconsideration',
  'labour_inspection',
  'counselling',
] as const;
export type HandOffKind = (typeof handOffKinds)[number];

export const handOffKindLabelsZh: Record<HandOffKind, string> = {
  judicial_confirmation: '申请司法确认',
  filing: '诉前调解不成转立案',
  labour_arbitration: '裁调对接（劳动人事争议仲裁）',
  commercial_arbitration: '商事仲裁',
  legal_aid: '援调对接（法律援助）',
  notarisation: '公证',
  petition: '访调对接（信访）',
  reconsideration: '行政复议',
  labour_inspection: '劳动保障监察',
  counselling: '心理疏导及协作组织帮扶',
};

/** Every result any hand-off may come back with; each kind allows some of them. */
export const handOffResults = [
  'confirmed',
  'rejected',
  'filed',
  'not_filed',
  'awarded',
  'settled_in_arbitration',
  'dismissed',
  'lawyer_assigned',
  'completed',
  'declined',
  'returned_for_mediation',
] as const;
export type HandOffResult = (typeof handOffResults)[number];

export const handOffResultLabelsZh: Record<HandOffResult, string> = {
  confirmed: '裁定确认调解协议有效',
  rejected: '裁定驳回申请',
  filed: '已立案',
  not_filed: '裁定不予受理',
  awarded: '已作出仲裁裁决',
  settled_in_arbitration: '仲裁调解结案',
  dismissed: '撤回或驳回仲裁申请',
  lawyer_assigned: '已指派法律援助人员',
  completed: '办理完毕',
  declined: '未予办理',
  returned_for_mediation: '退回调解',
};

interface HandOffRule {
  /** The bodies that may receive it. */
  receivers: readonly InstitutionKind[];
  /** The outcome (the case's transition) it needs; absent: any outcome in the link stage. */
  needsOutcome?: readonly ('settle' | 'fail' | 'terminate' | 'withdraw' | 'referOut')[];
  /** Staff confirm which court has jurisdiction and why (管辖依据). */
  needsJurisdiction: boolean;
  /** The deadline from sending until the body acknowledges (受理 / 作出是否给予的决定). */
  acknowledgementPolicy: DeadlinePolicyKey;
  /** The deadline from the acknowledgement until the result. */
  resultPolicy: DeadlinePolicyKey;
  results: readonly HandOffResult[];
  /** Results that carry a document number (裁定书、立案案号、裁决书) that must be given. */
  numbered: readonly HandOffResult[];
  /** Results that dispose of the matter: the case closes with them. */
  closing: readonly HandOffResult[];
  /**
   * Results that send the case back to mediation (退回调解): the body finds the dispute fit for
   * mediation first (a court's 先行调解, an arbitration commission's referral back); link → resolve.
   */
  returning?: readonly HandOffResult[];
}

const otherBody = (receivers: readonly InstitutionKind[]): HandOffRule => ({
  receivers,
  needsJurisdiction: false,
  acknowledgementPolicy: 'hand_off.acknowledgement',
  resultPolicy: 'hand_off.result',
  results: ['completed', 'declined'],
  numbered: [],
  closing: ['completed'],
});

export const handOffRules: Record<HandOffKind, HandOffRule> = {
  judicial_confirmation: {
    receivers: ['court'],
    needsOutcome: ['settle'],
    needsJurisdiction: true,
    acknowledgementPolicy: 'hand_off.acknowledgement',
    resultPolicy: 'hand_off.judicial_confirmation.ruling',
    results: ['confirmed', 'rejected'],
    numbered: ['confirmed', 'rejected'],
    closing: ['confirmed'],
  },
  filing: {
    receivers: ['court'],
    needsOutcome: ['fail', 'terminate'],
    needsJurisdiction: true,
    acknowledgementPolicy: 'hand_off.acknowledgement',
    resultPolicy: 'hand_off.filing.decision',
    results: ['filed', 'not_filed', 'returned_for_mediation'],
    numbered: ['filed', 'not_filed'],
    closing: ['filed'],
    returning: ['returned_for_mediation'],
  },
  labour_arbitration: {
    receivers: ['labour_arbitration'],
    needsOutcome: ['fail', 'terminate', 'referOut'],
    needsJurisdiction: false,
    acknowledgementPolicy: 'hand_off.labour_arbitration.acceptance',
    resultPolicy: 'hand_off.labour_arbitration.award',
    results: ['awarded', 'settled_in_arbitration', 'dismissed', 'returned_for_mediation'],
    numbered: ['awarded', 'settled_in_arbitration'],
    closing: ['awarded', 'settled_in_arbitration', 'dismissed'],
    returning: ['returned_for_mediation'],
  },
  commercial_arbitration: {
    ...otherBody(['commercial_arbitration']),
    results: ['awarded', 'settled_in_arbitration', 'dismissed', 'returned_for_mediation'],
    numbered: ['awarded', 'settled_in_arbitration'],
    closing: ['awarded', 'settled_in_arbitration', 'dismissed'],
    returning: ['returned_for_mediation'],
  },
  legal_aid: {
    receivers: ['legal_aid_centre'],
    needsJurisdiction: false,
    acknowledgementPolicy: 'hand_off.legal_aid.review',
    resultPolicy: 'hand_off.legal_aid.assignment',
    results: ['lawyer_assigned'],
    numbered: [],
    closing: [],
  },
  notarisation: otherBody(['notary_office']),
  petition: otherBody(['petitions_bureau']),
  reconsideration: otherBody(['administrative_reconsideration']),
  labour_inspection: otherBody(['labour_inspection']),
  counselling: otherBody(['partner_organisation']),
};

/** The deadline kind of the n-th hand-off of a case (its acknowledgement, then its result). */
export function handOffDeadlineKind(n: number): HandOffDeadlineKind {
  return `hand_off-${n}`;
}

export function handOffNumberOf(kind: string): number | undefined {
  const match = /^hand_off-(\d+)$/.exec(kind);
  return match ? Number(match[1]) : undefined;
}

/** A hand-off's id: the case number and its sequence among the case's hand-offs. */
export function handOffId(caseNumber: string, n: number): string {
  return `${caseNumber}-H${n}`;
}
