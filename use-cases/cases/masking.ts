import type { PartyInput } from '../../workflows/case.messages.js';

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
