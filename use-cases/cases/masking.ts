import type { Stage } from '../../domain/stages.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';

/** 150702199001011234 → 150702********1234: enough to tell people apart, not to impersonate them. */
export function maskIdNumber(idNumber: string): string {
  // Ten or fewer characters would show (almost) all of it the long way: keep only the first two.
  if (idNumber.length <= 10) return `${idNumber.slice(0, 2)}${'*'.repeat(Math.max(idNumber.length - 2, 0))}`;
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** 13800001111 → 138****1111. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export function maskParty(party: PartyInput): PartyInput {
  return {
    ...party,
    ...(party.idNumber ? { idNumber: maskIdNumber(party.idNumber) } : {}),
    ...(party.phone ? { phone: maskPhone(party.phone) } : {}),
  };
}

/**
 * Who needs a party's full ID number on the case page (DESIGN.md, Security: masked unless the role
 * needs it): the mediator working the case, the supervisors answering for it, and the window clerks
 * while the case is still at intake (checking the documents in front of them). Everyone else, clerks
 * once the case has moved on and admins among them, reads it masked. Lists never show it in full.
 */
export function needsFullIdNumbers(
  principal: Principal,
  scope: { stage: Stage; assigneeId: string | null },
): boolean {
  if (principal.kind !== 'staff') return false;
  switch (principal.role) {
    case 'mediator':
      return principal.userId === scope.assigneeId;
    case 'supervisor':
      return true;
    case 'clerk':
      return scope.stage === 'intake';
    default:
      return false;
  }
}

/** The parties as the case page shows them to this caller: ID numbers masked unless they need them. */
export function partiesForCasePage<P extends { idNumber?: string | undefined }>(
  parties: readonly P[],
  principal: Principal,
  scope: { stage: Stage; assigneeId: string | null },
): P[] {
  if (needsFullIdNumbers(principal, scope)) return [...parties];
  return parties.map((party) =>
    party.idNumber ? { ...party, idNumber: maskIdNumber(party.idNumber) } : party,
  );
}
