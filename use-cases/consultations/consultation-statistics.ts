import { and, count } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { consultations } from '../../db/schema/index.js';
import {
  type ConsultationChannel,
  type ConsultationTopic,
  consultationChannelLabelsZh,
  consultationChannels,
  consultationTopicLabelsZh,
  consultationTopics,
} from '../../domain/consultation-vocabulary.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { narrowScope, resolveSupervisionScope } from '../supervision/scope.js';
import { periodConditions, scopeCondition } from './list-consultations.js';

export interface ConsultationStatisticsFilter {
  /** First and last day recorded (China time), inclusive. */
  recordedFrom?: string | undefined;
  recordedTo?: string | undefined;
  /** A unit and the units below it; within the caller's own. */
  unitId?: string | undefined;
}

interface Counts {
  consultations: number;
  /** How many became a case (转入调解). */
  becameCases: number;
}

interface TopicCounts extends Counts {
  topic: ConsultationTopic;
  topicZh: string;
}

interface ChannelCounts extends Counts {
  channel: ConsultationChannel;
  channelZh: string;
}

export interface ConsultationStatistics {
  total: Counts;
  /** Every topic in the vocabulary's order, zero where none was recorded. */
  byTopic: TopicCounts[];
  byChannel: ChannelCounts[];
}

/**
 * Consultations by topic and by channel in a period, for supervisors (their units and those below) and
 * admins: the 法律咨询 line of the centre's annual table.
 */
export async function consultationStatistics(
  db: Database,
  principal: StaffPrincipal,
  filter: ConsultationStatisticsFilter,
): Promise<ConsultationStatistics> {
  const scope = await narrowScope(db, await resolveSupervisionScope(db, principal), filter.unitId, {
    subtree: true,
  });
  const where = and(
    scopeCondition(scope),
    ...periodConditions({ recordedFrom: filter.recordedFrom, recordedTo: filter.recordedTo }),
  );
  const rows = await db
    .select({
      topic: consultations.topic,
      channel: consultations.channel,
      consultations: count(),
      becameCases: count(consultations.caseNumber),
    })
    .from(consultations)
    .where(where)
    .groupBy(consultations.topic, consultations.channel);
  const sum = (keep: (row: (typeof rows)[number]) => boolean): Counts =>
    rows.filter(keep).reduce<Counts>(
      (total, row) => ({
        consultations: total.consultations + row.consultations,
        becameCases: total.becameCases + row.becameCases,
      }),
      { consultations: 0, becameCases: 0 },
    );
  return {
    total: sum(() => true),
    byTopic: consultationTopics.map((topic) => ({
      topic,
      topicZh: consultationTopicLabelsZh[topic],
      ...sum((row) => row.topic === topic),
    })),
    byChannel: consultationChannels.map((channel) => ({
      channel,
      channelZh: consultationChannelLabelsZh[channel],
      ...sum((row) => row.channel === channel),
    })),
  };
}
