import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  consultationChannels,
  consultationReferrals,
  consultationTopics,
} from '../../domain/consultation-vocabulary.js';
import { users } from './auth.js';
import { cases } from './cases.js';
import { oneOf } from './one-of.js';
import { units } from './reference.js';

/**
 * The consultation ledger (法律咨询台账): a question asked at the counter, on the hotline or online, the
 * answer given and who gave it. Not a case: most consultations end with the answer; one that needs
 * mediation becomes a case (case_number), its parties and facts carried over.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    channel: text('channel').notNull(), // 咨询渠道
    topic: text('topic').notNull(), // 咨询事项类别
    question: text('question').notNull(),
    /** What happened, as the person told it (基本事实): the case's summary if it becomes one. */
    facts: text('facts'),
    answer: text('answer').notNull(),
    /** The person asking and anyone else involved (PartyInput[]): ID and phone numbers are PII. */
    parties: jsonb('parties').notNull().default([]),
    referral: text('referral'), // 引导去向
    /** The member of staff who answered and recorded it (duty lawyer, hotline operator, clerk). */
    answeredById: uuid('answered_by_id')
      .notNull()
      .references(() => users.id),
    /** The client's Idempotency-Key: a retried recording finds the first one instead of adding another. */
    idempotencyKey: text('idempotency_key'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    caseNumber: text('case_number')
      .unique()
      .references(() => cases.caseNumber),
    convertedAt: timestamp('converted_at', { withTimezone: true }),
    /**
     * When a request began turning it into a case: a second request waits for that one instead of
     * registering the dispute twice. A claim older than a few minutes is taken to be a crashed request.
     */
    conversionClaimedAt: timestamp('conversion_claimed_at', { withTimezone: true }),
  },
  (table) => [
    index('consultations_unit_recorded_idx').on(table.unitId, table.recordedAt),
    index('consultations_recorded_idx').on(table.recordedAt),
    uniqueIndex('consultations_idempotency_idx').on(table.answeredById, table.idempotencyKey),
    check('consultations_channel_check', oneOf(table.channel, consultationChannels)),
    check('consultations_topic_check', oneOf(table.topic, consultationTopics)),
    check('consultations_referral_check', oneOf(table.referral, consultationReferrals)),
  ],
);
