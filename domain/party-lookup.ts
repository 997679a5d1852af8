import { normaliseIdNumber } from './names.js';

/**
 * What a party can be found by, exactly: an ID number or 统一社会信用代码 (one kind: a search box does
 * not know which it was given), or a phone number.
 */
export type PartyLookupKind = 'id_number' | 'phone';

/** Fewer digits than this is an extension or a typo, not a phone number worth matching. */
const shortestPhone = 7;

/**
 * Phone numbers compare by their digits alone, without the country code: +86 138 0000 1111,
 * 0086-13800001111 and 138-0000-1111 are one number. Undefined when too short to match on.
 */
export function normalisePhone(phone: string): string | undefined {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/\D/g, '');
  if (/^(\+|00)86/.test(trimmed.replace(/[\s-]/g, ''))) digits = digits.replace(/^(00)?86/, '');
  else if (/^861\d{10}$/.test(digits)) digits = digits.slice(2);
  return digits.length >= shortestPhone ? digits : undefined;
}

/** The normalised values a party is found by, one per kind it has. */
export function partyLookupValues(party: {
  idNumber?: string | null | undefined;
  phone?: string | null | undefined;
}): { kind: PartyLookupKind; value: string }[] {
  const values: { kind: PartyLookupKind; value: string }[] = [];
  const idNumber = party.idNumber ? normaliseIdNumber(party.idNumber) : '';
  if (idNumber) values.push({ kind: 'id_number', value: idNumber });
  const phone = party.phone ? normalisePhone(party.phone) : undefined;
  if (phone) values.push({ kind: 'phone', value: phone });
  return values;
}

/** Turns a normalised value into its keyed digest (lib/lookup-digest.ts); the key stays with the caller. */
export type LookupDigester = (kind: PartyLookupKind, value: string) => string;
