import { patched } from '@temporalio/workflow';
import { referralCarriesConsent } from '../domain/mediation-consent.js';
import { refuse, refuseField } from '../domain/refusals.js';
import {
  type Actor,
  type RecordMediationConsentInput,
  recordMediationConsentUpdate,
} from './case.messages.js';
import type { CaseEvent, CaseState } from './case-state.js';
import { type CaseRuntime, registerCaseUpdate } from './case-updates.js';
import { requireStaff } from './require-staff.js';

/**
 * Mediation is voluntary (人民调解法 art 3, 17): a case is accepted for mediation only once the parties
 * applied for it or agreed to it (申请/同意调解). A court's, procuratorate's or police station's referral
 * arrives with the parties' consent, given there (domain/mediation-consent.ts); every other case needs it
 * recorded, at intake or later on the case page.
 */
export function consentArrivesWithReferral(state: CaseState): boolean {
  return referralCarriesConsent(state.registration.referral?.kind);
}

/**
 * Refuses acceptance (接受指派, the start of mediation) of a case without the parties' consent. Cases
 * accepted without it before this rule replay as they ran; the marker is written only where the rule
 * decides something, i.e. when consent is missing.
 */
export function requireConsentBeforeAcceptance(state: CaseState): void {
  if (state.mediationConsent !== null || consentArrivesWithReferral(state)) return;
  if (!patched('accept-requires-mediation-consent')) return;
  refuseField(
    'mediation_consent_required',
    'mediationConsent',
    'the parties have not applied for or agreed to mediation',
    {
      currentStage: state.stage,
    },
  );
}

/** Recording consent: staff at the desk, the case's supervisor, or its assigned mediator; before mediation. */
function checkConsent(state: CaseState, input: RecordMediationConsentInput & { actor: Actor }): void {
  requireStaff(input.actor, ['clerk', 'mediator', 'supervisor', 'admin'], state);
  if (state.stage !== 'intake' && state.stage !== 'divert')
    refuse('illegal_transition', {
      detail: 'consent to mediate is recorded before mediation starts',
      reasonZh: '调解意愿须在受理调解前登记',
      currentStage: state.stage,
      allowed: [],
    });
  const names = new Set(state.registration.parties.map((party) => party.name));
  if (input.givenBy.length === 0)
    refuseField('validation_failed', 'givenBy', 'name at least one party who applied or agreed');
  const stranger = input.givenBy.find((name) => !names.has(name));
  if (stranger !== undefined)
    refuseField('validation_failed', 'givenBy', 'names a person who is not a party of the case');
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

function recordConsent(
  state: CaseState,
  input: RecordMediationConsentInput & { actor: Actor },
  now: string,
): CaseEvent[] {
  const givenBy = [...new Set(input.givenBy)];
  // The same consent again (a retry whose answer was lost) changes nothing and records nothing.
  if (state.mediationConsent && sameNames(state.mediationConsent.givenBy, givenBy)) return [];
  return [
    state.apply('mediation_consent_recorded', input.actor, now, { givenBy }, () => {
      state.mediationConsent = { givenBy, recordedAt: now, recordedBy: input.actor.id };
    }),
  ];
}

/** 登记调解意愿 after intake. */
export function registerMediationConsentHandlers(runtime: CaseRuntime): void {
  const { state, now } = runtime;
  registerCaseUpdate(runtime, recordMediationConsentUpdate, {
    check: (input) => checkConsent(state, input),
    apply: async (input) => recordConsent(state, input, now()),
  });
}
