import type { consultations } from '../../db/schema/index.js';
import {
  type ConsultationChannel,
  type ConsultationReferral,
  type ConsultationTopic,
  consultationChannelLabelsZh,
  consultationReferralLabelsZh,
  consultationTopicLabelsZh,
} from '../../domain/consultation-vocabulary.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import { maskParty } from '../cases/masking.js';

/** A consultation as staff read it: codes with their Chinese labels, instants in UTC. */
export interface Consultation {
  id: string;
  unitId: string;
  channel: ConsultationChannel;
  channelZh: string;
  topic: ConsultationTopic;
  topicZh: string;
  question: string;
  facts: string | null;
  answer: string;
  parties: PartyInput[];
  referral: ConsultationReferral | null;
  referralZh: string | null;
  answeredById: string;
  recordedAt: string;
  caseNumber: string | null;
  convertedAt: string | null;
  links: { self: string; case: string | null };
}

export type ConsultationRow = typeof consultations.$inferSelect;

export function consultationPath(id: string): string {
  return `/v1/consultations/${id}`;
}

/**
 * The row as the API answers it. Lists mask ID and phone numbers (`masked`); one consultation opened
 * by someone in its unit's scope shows them, as a case does to those who work it.
 */
export function toConsultation(row: ConsultationRow, { masked }: { masked: boolean }): Consultation {
  const channel = row.channel as ConsultationChannel;
  const topic = row.topic as ConsultationTopic;
  const referral = row.referral as ConsultationReferral | null;
  const parties = row.parties as PartyInput[];
  return {
    id: row.id,
    unitId: row.unitId,
    channel,
    channelZh: consultationChannelLabelsZh[channel],
    topic,
    topicZh: consultationTopicLabelsZh[topic],
    question: row.question,
    facts: row.facts,
    answer: row.answer,
    parties: masked ? parties.map(maskParty) : parties,
    referral,
    referralZh: referral ? consultationReferralLabelsZh[referral] : null,
    answeredById: row.answeredById,
    recordedAt: row.recordedAt.toISOString(),
    caseNumber: row.caseNumber,
    convertedAt: row.convertedAt?.toISOString() ?? null,
    links: {
      self: consultationPath(row.id),
      case: row.caseNumber ? `/v1/cases/${row.caseNumber}` : null,
    },
  };
}
