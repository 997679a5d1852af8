import { chinaDateOf, type IsoDate, isIsoDate } from '../domain/dates.js';
import { isValidResidentIdNumber } from '../domain/identity-numbers.js';
import { disputeCategoryLabelsZh } from '../domain/vocabulary.js';
import type { CaseView, FailInput, PartyInput, SettleInput } from '../workflows/case.messages.js';
import type {
  CentreSettings,
  DocumentAgreement,
  DocumentCriminalSettlement,
  DocumentEnding,
  DocumentInput,
  DocumentParty,
  DocumentReferral,
} from './document-input.js';

/** What the read model holds beside the view: the sessions (case_sessions) and the mediator's name. */
export interface CaseRecords {
  sessions?: { heldAt: string; location: string | null; summary: string; mediatorName?: string | null }[];
  mediatorName?: string | null;
  /** Defaults to today in China time. */
  issuedOn?: IsoDate;
  /**
   * The terms the parties are about to sign, for an agreement printed before the settlement is
   * recorded (the signed scan may be required to settle); the recorded settlement wins once there is one.
   */
  proposedSettlement?: SettleInput | undefined;
  /** Likewise the reasons and undisputed facts of a 调解不成报告 printed before the failure is recorded. */
  proposedFailure?: FailInput | undefined;
}

/** The one mapping from a case to what its documents print. */
export function documentInputFromCase(
  view: CaseView,
  centre: CentreSettings,
  records: CaseRecords = {},
): DocumentInput {
  const referral = referralOf(view);
  return {
    centre,
    caseNumber: view.caseNumber,
    documentNumber: documentNumber(view.caseNumber, centre.documentNumberPrefix),
    registeredOn: chinaDateOf(view.registeredAt),
    issuedOn: records.issuedOn ?? chinaDateOf(Date.now()),
    categoryZh: view.category ? disputeCategoryLabelsZh[view.category] : null,
    disputeFacts: view.summary,
    claimAmountFen:
      view.referral?.kind === 'court' ? view.referral.claimAmountFen : (view.claimAmountFen ?? null),
    parties: view.parties.map(documentParty),
    mediationConsent: view.mediationConsent
      ? { givenBy: view.mediationConsent.givenBy, on: chinaDateOf(view.mediationConsent.recordedAt) }
      : null,
    mediatorName: records.mediatorName ?? null,
    sessions: [...(records.sessions ?? [])]
      .sort((first, second) => Date.parse(first.heldAt) - Date.parse(second.heldAt))
      .map((session, index) => ({ number: index + 1, ...session })),
    agreement: agreementOf(view) ?? proposedAgreement(records),
    ending: endingOf(view) ?? proposedEnding(records),
    followUp: view.followUp
      ? {
          on: chinaDateOf(view.followUp.at),
          performed: view.followUp.performed,
          satisfaction: view.followUp.satisfaction,
          notes: view.followUp.notes ?? null,
        }
      : null,
    referral,
    criminalSettlement: criminalSettlementOf(view),
    // 民事诉讼法 art 205: to the court that invited the mediation, else the basic court where the
    // committee sits (or where a party lives or the object lies: the parties' own choice, once recorded).
    confirmationCourt:
      view.court?.confirmation?.application?.court ??
      (referral?.kind === 'court' ? referral.institutionName : centre.defaultConfirmationCourt),
  };
}

/** （2026）海人调字第123号, from case number HLBE-2026-000123. */
export function documentNumber(caseNumber: string, prefix: string): string {
  const match = /-(\d{4})-(\d+)$/.exec(caseNumber);
  if (!match) return `${prefix}字第${caseNumber}号`;
  return `（${match[1]}）${prefix}字第${Number(match[2])}号`;
}

const idLabels: Record<NonNullable<PartyInput['idType']>, string> = {
  resident_id: '公民身份号码',
  passport: '护照号码',
  unified_social_credit_code: '统一社会信用代码',
  other: '证件号码',
};

function documentParty(party: PartyInput): DocumentParty {
  const idNumber = party.idNumber?.replace(/\s/g, '').toUpperCase() ?? null;
  const residentId = party.idType === 'resident_id' && idNumber && isValidResidentIdNumber(idNumber);
  return {
    role: party.role,
    kind: party.kind,
    name: party.name,
    // GB 11643: digits 7–14 are the birth date, the 17th is odd for men and even for women.
    sex: residentId ? (Number(idNumber[16]) % 2 === 1 ? '男' : '女') : null,
    bornOn: residentId
      ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
      : null,
    idLabel: party.idType ? idLabels[party.idType] : idNumber ? '证件号码' : null,
    idNumber,
    phone: party.phone ?? null,
    address: party.address ?? null,
  };
}

function dayOf(value: string): IsoDate {
  return isIsoDate(value) ? value : chinaDateOf(value);
}

function agreementOf(view: CaseView): DocumentAgreement | null {
  if (view.outcome?.transition !== 'settle') return null;
  return agreementFrom(view.outcome.details as unknown as SettleInput, view.outcome.at);
}

function proposedAgreement(records: CaseRecords): DocumentAgreement | null {
  if (!records.proposedSettlement) return null;
  return agreementFrom(records.proposedSettlement, records.issuedOn ?? chinaDateOf(Date.now()));
}

function agreementFrom(settle: SettleInput, settledAt: string): DocumentAgreement {
  return {
    form: settle.form,
    terms: settle.terms,
    amountFen: settle.amountFen,
    performance: (settle.performance ?? []).map((step) => ({
      description: step.description,
      dueOn: step.dueDate ? dayOf(step.dueDate) : null,
      amountFen: step.amountFen ?? null,
    })),
    signedOn: dayOf(settle.signedAt ?? settledAt),
  };
}

function proposedEnding(records: CaseRecords): DocumentEnding | null {
  if (!records.proposedFailure) return null;
  return {
    kind: 'failed',
    reasons: records.proposedFailure.reasons,
    undisputedFacts: records.proposedFailure.undisputedFacts,
    on: records.issuedOn ?? chinaDateOf(Date.now()),
    automatic: false,
  };
}

const endings = { fail: 'failed', terminate: 'terminated', withdraw: 'withdrawn' } as const;

function endingOf(view: CaseView): DocumentEnding | null {
  const outcome = view.outcome;
  if (!outcome || !(outcome.transition in endings)) return null;
  const details = outcome.details as { reasons?: string; reason?: string; undisputedFacts?: string };
  return {
    kind: endings[outcome.transition as keyof typeof endings],
    reasons: details.reasons ?? details.reason ?? '',
    undisputedFacts: details.undisputedFacts ?? '',
    on: chinaDateOf(outcome.at),
    automatic: outcome.details.automatic === true,
  };
}

function referralOf(view: CaseView): DocumentReferral | null {
  const referral = view.referral;
  if (!referral) return null;
  return {
    kind: referral.kind,
    institutionName: referral.institutionName,
    reference: referral.reference,
    typeZh: referral.kind === 'court' ? (referral.type === 'delegated' ? '委派调解' : '委托调解') : null,
    referredOn: dayOf(referral.referralDate),
  };
}

function criminalSettlementOf(view: CaseView): DocumentCriminalSettlement | null {
  if (view.referral?.kind !== 'prosecution') return null;
  const terms = view.prosecution?.terms;
  if (!terms) return null;
  const paid = view.prosecution?.instalments ?? [];
  const schedule = terms.instalments.length > 0 ? terms.instalments : [];
  return {
    offence: view.referral.offence,
    compensationFen: terms.compensationFen,
    method: terms.method,
    remorse: terms.remorse,
    forgiveness: terms.forgiveness,
    leniencyRequested: terms.leniencyRequested,
    forgivenessLetter: terms.forgivenessLetter
      ? { signedOn: dayOf(terms.forgivenessLetter.signedOn), signedBy: terms.forgivenessLetter.signedBy }
      : null,
    payments:
      paid.length > 0
        ? paid.map((instalment) => ({
            n: instalment.n,
            amountFen: instalment.amountFen,
            dueOn: dayOf(instalment.dueDate),
            paidOn: instalment.paidOn ? dayOf(instalment.paidOn) : null,
            proof: instalment.proof,
          }))
        : schedule.map((instalment, index) => ({
            n: index + 1,
            amountFen: instalment.amountFen,
            dueOn: dayOf(instalment.dueDate),
            paidOn: null,
            proof: null,
          })),
  };
}
