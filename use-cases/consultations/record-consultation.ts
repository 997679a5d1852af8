import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { consultations, units } from '../../db/schema/index.js';
import type {
  ConsultationChannel,
  ConsultationReferral,
  ConsultationTopic,
} from '../../domain/consultation-vocabulary.js';
import { refuseField } from '../../domain/refusals.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { unitToRecordFor, workingUnitsOf } from '../shared/working-units.js';
import { type Consultation, toConsultation } from './consultation-response.js';

/** A consultation as staff record it at the counter or on the hotline: four fields are enough. */
export interface RecordConsultationInput {
  channel: ConsultationChannel;
  topic: ConsultationTopic;
  question: string;
  /** What happened, as the person told it: the case summary if the consultation becomes a case. */
  facts?: string | undefined;
  answer: string;
  /** The person asking and anyone else involved; needed only if the consultation becomes a case. */
  parties: PartyInput[];
  referral?: ConsultationReferral | undefined;
  /** Unit the consultation belongs to; defaults to the recorder's own. */
  unitId?: string | undefined;
}

/**
 * Record a consultation (法律咨询) answered by the caller. With an idempotency key, a retry of the same
 * recording (a lost answer on a bad line) finds the first one instead of counting the person twice.
 */
export async function recordConsultation(
  db: Database,
  principal: StaffPrincipal,
  input: RecordConsultationInput,
  idempotencyKey?: string,
): Promise<{ consultation: Consultation; created: boolean }> {
  const unitId = unitToRecordFor(principal, await workingUnitsOf(db, principal), input.unitId);
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).limit(1);
  if (!unit) refuseField('unknown_unit', 'unitId', 'no unit has this id');
  const [inserted] = await db
    .insert(consultations)
    .values({
      unitId,
      channel: input.channel,
      topic: input.topic,
      question: input.question,
      facts: input.facts ?? null,
      answer: input.answer,
      parties: input.parties,
      referral: input.referral ?? null,
      answeredById: principal.userId,
      idempotencyKey: idempotencyKey ?? null,
      // Millisecond precision, as list cursors carry it (PostgreSQL's now() has microseconds).
      recordedAt: new Date(),
    })
    .onConflictDoNothing({ target: [consultations.answeredById, consultations.idempotencyKey] })
    .returning();
  if (inserted) return { consultation: toConsultation(inserted, { masked: false }), created: true };
  const [earlier] = await db
    .select()
    .from(consultations)
    .where(
      and(
        eq(consultations.answeredById, principal.userId),
        eq(consultations.idempotencyKey, idempotencyKey ?? ''),
      ),
    )
    .limit(1);
  if (!earlier) throw new Error('consultation insert conflicted but no earlier recording was found');
  return { consultation: toConsultation(earlier, { masked: false }), created: false };
}
