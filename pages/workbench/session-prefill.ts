import type { UnitKind } from '../../domain/vocabulary.js';
import type { CaseResponse } from '../../use-cases/cases/case-response.js';
import { roomLabelsZh, type SessionSlot } from '../../use-cases/public/session-slots.js';
import { chinaDateTime } from '../dashboard/layout.js';
import type { FormValues } from './form-values.js';

const partyRoleLabelsZh: Record<string, string> = {
  applicant: '申请人',
  respondent: '被申请人',
  agent: '代理人',
  third_party: '第三人',
};

/**
 * 记录本次调解: the session form filled in from a booking the mediator opens it from: the booked time
 * (China time, as the datetime-local field reads it), the unit's room, and the parties as the
 * participants to confirm. Nothing when the booking is not the case's, is held already, or the session
 * cannot be recorded now.
 */
export function sessionPrefillFromBooking(
  response: Pick<CaseResponse, 'parties' | 'allowedTransitions'>,
  bookings: SessionSlot[],
  slotId: string | undefined,
  unitName: string | null,
): { transition: 'recordSession'; values: FormValues } | undefined {
  if (!slotId || !response.allowedTransitions.includes('recordSession')) return undefined;
  const booking = bookings.find((slot) => slot.id === slotId && slot.heldSessionSeq === null);
  if (!booking) return undefined;
  const participants = response.parties
    .map((party) => `${partyRoleLabelsZh[party.role] ?? party.role}${party.name}`)
    .join('、');
  return {
    transition: 'recordSession',
    values: {
      heldAt: chinaDateTime(booking.startsAt).replace(' ', 'T'),
      location: `${unitName ? `${unitName} ` : ''}${roomLabelsZh[booking.room]}`,
      summary: `到场人员：${participants}\n`,
    },
  };
}

/**
 * A circuit mediation team (巡回调解小分队) holds its sessions on site: the session form starts with 现场调解
 * ticked when the case is in such a team or the mediator recording it belongs to one (the mediator still
 * names the place, and may untick it). `unitKinds`: the case's unit's kind and the caller's.
 */
export function sessionPrefillOnSite(
  response: Pick<CaseResponse, 'allowedTransitions'>,
  unitKinds: readonly (UnitKind | null)[],
): { transition: 'recordSession'; values: FormValues } | undefined {
  if (!unitKinds.includes('circuit_team') || !response.allowedTransitions.includes('recordSession'))
    return undefined;
  return { transition: 'recordSession', values: { onSite: 'yes' } };
}
