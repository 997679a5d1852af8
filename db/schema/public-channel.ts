import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { cases } from './cases.js';
import { units } from './reference.js';

/**
 * The public channel (飞速通 for citizens, the H5 pages under /my): sign-in by phone and one-time code,
 * online applications, messages with the mediator, bookable session slots and the party's rating.
 */

/** One-time sign-in codes (短信验证码): only a hash of the code is kept; 5 minutes, at most 5 tries. */
export const citizenSignInCodes = pgTable(
  'citizen_sign_in_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The mobile number, 11 digits (a session is bound to it; never logged). */
    phone: text('phone').notNull(),
    /** HMAC-SHA-256 of the code under the server's secret and this row's id. */
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    tries: integer('tries').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('citizen_sign_in_codes_phone_idx').on(table.phone, table.createdAt)],
);

/**
 * Text messages waiting for the SMS gateway (短信发件箱). The payload is what the operator's SMS
 * provider receives: a template id, the phone and the template's parameters (README: SMS payload).
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: text('template_id').notNull(),
    phone: text('phone').notNull(),
    params: jsonb('params').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the gateway once the provider accepted the message. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /**
     * The signed delivery that carries it to the provider (production gateway, SMS_PROVIDER_URL): set
     * when the delivery workflow was started, so the relay hands each message on once.
     */
    deliveryId: text('delivery_id'),
    /** A message queued by a retried step (a reminder) carries a key: one message per key and phone. */
    dedupeKey: text('dedupe_key'),
  },
  (table) => [
    index('sms_outbox_unsent_idx').on(table.createdAt).where(sql`${table.sentAt} is null`),
    uniqueIndex('sms_outbox_dedupe_idx')
      .on(table.dedupeKey, table.phone)
      .where(sql`${table.dedupeKey} is not null`),
  ],
);

/** Citizen sessions: the cookie holds a random token, the table only its SHA-256. */
export const citizenSessions = pgTable('citizen_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  phone: text('phone').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * Applications sent from the public channel (网上申请调解), one per form token: a form sent twice opens
 * one case. The mediator the applicant chose in the 调解超市 is a preference the clerk sees.
 */
export const onlineApplications = pgTable(
  'online_applications',
  {
    formToken: uuid('form_token').primaryKey(),
    phone: text('phone').notNull(),
    /** Null while the first submission is still registering the case. */
    caseNumber: text('case_number'),
    preferredMediatorId: uuid('preferred_mediator_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('online_applications_case_idx').on(table.caseNumber)],
);

/** 留言: a thread per case between the parties and the assigned mediator (text only). */
export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    authorKind: text('author_kind', { enum: ['party', 'staff'] }).notNull(),
    /** The member of staff who wrote it; null for a party. */
    authorUserId: uuid('author_user_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('case_messages_case_idx').on(table.caseNumber, table.createdAt),
    check('case_messages_body_length', sql`char_length(${table.body}) between 1 and 1000`),
  ],
);

/**
 * Session slots a mediator offers (可预约时段). No two slots of one mediator, nor of one room of a
 * unit, overlap: exclusion constraints written by hand in the migration (btree_gist), which drizzle's
 * schema cannot express.
 */
export const sessionSlots = pgTable(
  'session_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mediatorId: uuid('mediator_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id').references(() => units.id),
    room: text('room', { enum: ['ordinary', 'video', 'hall'] }).notNull(), // 普通调解室 / 视频调解室 / 多功能厅
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('session_slots_mediator_idx').on(table.mediatorId, table.startsAt),
    check('session_slots_order', sql`${table.endsAt} > ${table.startsAt}`),
    check('session_slots_room', sql`${table.room} in ('ordinary', 'video', 'hall')`),
  ],
);

/** A party's booking of a slot (预约): the primary key makes a slot bookable once, whoever races for it. */
export const slotBookings = pgTable(
  'slot_bookings',
  {
    slotId: uuid('slot_id')
      .primaryKey()
      .references(() => sessionSlots.id),
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    bookedAt: timestamp('booked_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The session record it became (已举行): the seq of the case's session_recorded event, set by the
     * projection when the mediator records a session of this case at this slot's time.
     */
    heldSessionSeq: integer('held_session_seq'),
  },
  (table) => [index('slot_bookings_case_idx').on(table.caseNumber)],
);

/**
 * Bookings cancelled (取消预约) by staff, with the reason the party reads, or by the party; and bookings
 * the party moved to another slot (改约: movedToSlotId). The booking row itself is deleted, so the slot
 * is free to book again.
 */
export const bookingCancellations = pgTable(
  'booking_cancellations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => sessionSlots.id),
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    reason: text('reason').notNull(),
    bookedAt: timestamp('booked_at', { withTimezone: true }).notNull(),
    /** Who cancelled: staff (cancelledBy names them) or the party on the public channel. */
    cancelledByKind: text('cancelled_by_kind', { enum: ['staff', 'party'] })
      .notNull()
      .default('staff'),
    /** The member of staff who cancelled; null when the party did. */
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    /** Set when the party moved the booking to another slot in the same step (改约). */
    movedToSlotId: uuid('moved_to_slot_id').references(() => sessionSlots.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('booking_cancellations_case_idx').on(table.caseNumber),
    check('booking_cancellations_reason_length', sql`char_length(${table.reason}) between 1 and 500`),
    check(
      'booking_cancellations_who',
      sql`(${table.cancelledByKind} = 'staff' and ${table.cancelledBy} is not null) or ${table.cancelledByKind} = 'party'`,
    ),
  ],
);

/** 回访满意度 from the party (1–5 and a comment), once per case and phone. */
export const partyRatings = pgTable(
  'party_ratings',
  {
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    phone: text('phone').notNull(),
    score: smallint('score').notNull(),
    comment: text('comment').notNull().default(''),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.caseNumber, table.phone] }),
    check('party_ratings_score', sql`${table.score} between 1 and 5`),
    check('party_ratings_comment_length', sql`char_length(${table.comment}) <= 500`),
  ],
);
