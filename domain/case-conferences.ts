/**
 * Case conferences (案件研判会, the 研 of 集、分、研、化、结、转、访): who sits at one, in the words
 * staff read.
 */
export const conferenceParticipantRoles = [
  'mediator',
  'lawyer',
  'partner_body',
  'centre_staff',
  'expert',
  'other',
] as const;
export type ConferenceParticipantRole = (typeof conferenceParticipantRoles)[number];
export const conferenceParticipantRoleLabelsZh: Record<ConferenceParticipantRole, string> = {
  mediator: '调解员',
  lawyer: '律师',
  partner_body: '联动单位',
  centre_staff: '中心工作人员',
  expert: '专家',
  other: '其他',
};
