import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { institutions } from './reference.js';

/**
 * Outbound deliveries: signed HTTP POSTs to a court's or procuratorate's callback URL, or to the
 * centre's notification webhook, or the operator's SMS provider. One row per logical delivery; the id travels in every attempt so the
 * receiver can deduplicate.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    caseNumber: text('case_number'),
    /** 'sms': a text message of the outbox (sms_outbox.delivery_id) to the operator's SMS provider. */
    target: text('target', { enum: ['webhook', 'institution', 'sms'] }).notNull(),
    institutionId: uuid('institution_id').references(() => institutions.id),
    body: jsonb('body').notNull(),
    /** pending → delivered; 'pull' when there is no callback URL and the receiver reads our API instead. */
    status: text('status', { enum: ['pending', 'delivered', 'pull'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (table) => [
    index('deliveries_case_idx').on(table.caseNumber),
    index('deliveries_pending_idx').on(table.status, table.createdAt),
  ],
);

/** Every attempt of a delivery: when, what came back, how long it took. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    url: text('url'),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (table) => [primaryKey({ columns: [table.deliveryId, table.attempt] })],
);
