import { dateZh } from './chinese-dates.js';
import type { DocumentParty, PartyRole } from './document-input.js';
import { body } from './layout.js';

export const partyRoleLabelsZh: Record<PartyRole, string> = {
  applicant: '申请人',
  respondent: '被申请人',
  third_party: '第三人',
  agent: '委托代理人',
};

/** The parties who sign: everyone but agents, applicants first. */
export function principalParties(parties: readonly DocumentParty[]): DocumentParty[] {
  const order: PartyRole[] = ['applicant', 'respondent', 'third_party'];
  return order.flatMap((role) => parties.filter((party) => party.role === role));
}

/**
 * 申请人：张三，男，1985年3月12日出生，公民身份号码……，住址……，联系电话……。 The basic details art 29 of the
 * 人民调解法 asks for; in full, because this is the document the parties sign.
 */
export function partyDescription(party: DocumentParty): string {
  const details: string[] = [];
  if (party.sex) details.push(party.sex);
  if (party.bornOn) details.push(`${dateZh(party.bornOn)}出生`);
  if (party.idNumber) details.push(`${party.idLabel ?? '证件号码'}${party.idNumber}`);
  if (party.address) details.push(`${party.kind === 'organisation' ? '住所地' : '住址'}：${party.address}`);
  if (party.phone) details.push(`联系电话：${party.phone}`);
  return `${partyRoleLabelsZh[party.role]}：${[party.name, ...details].join('，')}。`;
}

export function partyParagraphs(parties: readonly DocumentParty[]) {
  const agents = parties.filter((party) => party.role === 'agent');
  return [...principalParties(parties), ...agents].map((party) => body(partyDescription(party)));
}

/** 张三与李四: how documents name a dispute's sides. */
export function sidesZh(parties: readonly DocumentParty[]): string {
  const names = (role: PartyRole) =>
    parties
      .filter((party) => party.role === role)
      .map((party) => party.name)
      .join('、');
  const applicants = names('applicant');
  const respondents = names('respondent');
  return respondents ? `${applicants}与${respondents}` : applicants;
}
