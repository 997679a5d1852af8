import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Requests sent with an `Idempotency-Key` header (IETF draft "The Idempotency-Key HTTP Header
 * Field"): the key, whose it is, the hash of what was asked, and once answered the answer, replayed
 * to a retry of the same request. A registration also keeps the case it numbered (`state`) from the
 * moment it takes the number, so a retry after a crash finishes that case instead of opening another.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Whose key: `staff:<user id>`; keys of different callers never meet. */
    owner: text('owner').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the operation and the canonical request body. */
    requestHash: text('request_hash').notNull(),
    state: jsonb('state'),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.owner, table.key] })],
);
