import type { Database } from '../../db/client.js';
import { consultations } from '../../db/schema/index.js';
import {
  type ConsultationChannel,
  type ConsultationReferral,
  type ConsultationTopic,
  consultationTopicLabelsZh,
} from '../../domain/consultation-vocabulary.js';
import { chinaTimeOnDate } from '../../domain/dates.js';
import type { CaseSource } from '../../domain/vocabulary.js';
import { generateSampleLedger, type SampleCase } from '../generate-sample-ledger.js';
import { createSampleRandom } from './random.js';

/**
 * The sample centre's 2022 consultation ledger (法律咨询台账), drawn deterministically like the case
 * ledger: 2,636 consultations at the counter, on the 12348 hotline, online and on site, about one in
 * sixteen sent on to apply for legal aid (法律援助). The seed gives no consultation figure; this one is
 * about a quarter of the people served, as a city centre's counter and hotline answer. Besides these,
 * one in twenty of the ledger's walk-in, hotline and online cases began as a consultation the same
 * day (转入调解): that consultation carries the case's number.
 */
export const sampleConsultationCount = 2_636;
const seed = 20_221_232;
const year = 2022;

export interface SampleConsultation {
  recordedOn: string;
  hour: number;
  minute: number;
  unitCode: string;
  channel: ConsultationChannel;
  topic: ConsultationTopic;
  referral: ConsultationReferral | null;
  /** The ledger case it became (its number), for the consultations that turned into cases. */
  caseNumber: string | null;
}

const channelOfSource: Partial<Record<CaseSource, ConsultationChannel>> = {
  walk_in: 'counter',
  hotline: 'hotline',
  online: 'online',
  wechat: 'wechat',
};
const topicOfCategory: Partial<Record<SampleCase['category'], ConsultationTopic>> = {
  family: 'marriage_family',
  neighbour: 'neighbour',
  property_management: 'property_housing',
  land: 'land',
  labour: 'labour_social_security',
  contract: 'contract',
  lending: 'lending',
  consumer: 'consumer',
  traffic_accident: 'traffic_accident',
  medical: 'medical',
  commercial: 'company_business',
  administrative: 'administrative',
};

const channels: [ConsultationChannel, number][] = [
  ['counter', 45],
  ['hotline', 30],
  ['online', 10],
  ['wechat', 8],
  ['on_site', 7],
];
const topics: [ConsultationTopic, number][] = [
  ['marriage_family', 16],
  ['inheritance', 6],
  ['neighbour', 8],
  ['property_housing', 9],
  ['land', 7],
  ['labour_social_security', 15],
  ['contract', 8],
  ['lending', 10],
  ['consumer', 5],
  ['traffic_accident', 6],
  ['medical', 2],
  ['company_business', 4],
  ['criminal', 2],
  ['administrative', 1],
  ['other', 1],
];
/** Where people were sent on; most leave with the answer (null). */
const referrals: [ConsultationReferral | null, number][] = [
  [null, 74],
  ['legal_aid', 6],
  ['arbitration', 5],
  ['litigation', 8],
  ['notary', 2],
  ['department', 4],
  ['petition', 1],
];
const monthWeights = [7, 5, 9, 9, 10, 9, 9, 9, 9, 8, 8, 8];

/** The consultations that became the ledger's cases: every twentieth case that came in by a counter channel. */
function consultationsThatBecameCases(cases: readonly SampleCase[]): SampleConsultation[] {
  return cases
    .filter((entry) => channelOfSource[entry.source])
    .filter((_entry, index) => index % 20 === 0)
    .map((entry) => ({
      recordedOn: entry.registeredOn,
      hour: 8,
      minute: 30,
      unitCode: 'HLBE-CENTRE',
      channel: channelOfSource[entry.source]!,
      topic: topicOfCategory[entry.category] ?? 'other',
      referral: 'mediation',
      caseNumber: entry.ledgerNumber,
    }));
}

export function generateSampleConsultations(
  cases: readonly SampleCase[] = generateSampleLedger(),
): SampleConsultation[] {
  const random = createSampleRandom(seed);
  const answered = Array.from({ length: sampleConsultationCount }, (): SampleConsultation => {
    const month = random.weighted(
      monthWeights.map((weight, index) => [index + 1, weight] as [number, number]),
    );
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = random.integer(1, days);
    return {
      recordedOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      hour: random.integer(8, 17),
      minute: random.integer(0, 59),
      // Most questions reach the centre's own counter and hotline; the rest the stations'.
      unitCode: random.chance(0.75)
        ? 'HLBE-CENTRE'
        : random.pick(['HLBE-ST-FAMILY', 'HLBE-ST-LABOUR', 'HLBE-ST-LAWYER']),
      channel: random.weighted(channels),
      topic: random.weighted(topics),
      referral: random.weighted(referrals),
      caseNumber: null,
    };
  });
  return [...answered, ...consultationsThatBecameCases(cases)];
}

/**
 * Write the sample consultations straight into the ledger table, dated in 2022 (recording through the
 * API stamps them now). `unitIds` by code must hold the centre and the stations used; `answeredById` is
 * the duty lawyer they are recorded under.
 */
export async function loadSampleConsultations(
  db: Database,
  unitIds: ReadonlyMap<string, string>,
  answeredById: string,
): Promise<number> {
  const rows = generateSampleConsultations().map((entry, index) => {
    const unitId = unitIds.get(entry.unitCode);
    if (!unitId) throw new Error(`sample consultations: no unit ${entry.unitCode}`);
    const topicZh = consultationTopicLabelsZh[entry.topic];
    return {
      unitId,
      channel: entry.channel,
      topic: entry.topic,
      question: `咨询${topicZh}方面的法律问题（样例第${index + 1}条）`,
      answer: `值班律师就${topicZh}问题解答了相关法律规定和维权途径`,
      referral: entry.referral,
      caseNumber: entry.caseNumber,
      convertedAt: entry.caseNumber
        ? new Date(chinaTimeOnDate(entry.recordedOn, entry.hour + 1, entry.minute))
        : null,
      answeredById,
      idempotencyKey: `sample-2022-${index + 1}`,
      recordedAt: new Date(chinaTimeOnDate(entry.recordedOn, entry.hour, entry.minute)),
    };
  });
  let inserted = 0;
  for (let start = 0; start < rows.length; start += 500) {
    const batch = await db
      .insert(consultations)
      .values(rows.slice(start, start + 500))
      .onConflictDoNothing({ target: [consultations.answeredById, consultations.idempotencyKey] })
      .returning({ id: consultations.id });
    inserted += batch.length;
  }
  return inserted;
}
