import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Things an operator must look at because the system cannot resolve them itself (a change of a case
 * the read model refused for good). One row per occurrence, keyed so that a retried activity raises it
 * once; every active admin also gets a notice in their inbox.
 */
export const operatorAlerts = pgTable(
  'operator_alerts',
  {
    key: text('key').primaryKey(),
    kind: text('kind').notNull(),
    /** No foreign key: the case row may be the very thing that could not be written. */
    caseNumber: text('case_number'),
    /** What failed, without personal data (constraint names, SQLSTATE, the event type). */
    detail: text('detail').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (table) => [index('operator_alerts_created_idx').on(table.createdAt)],
);
