import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { institutions } from './reference.js';

/**
 * Referrals from courts (诉调对接), procuratorates (检调对接) and police stations (警调对接). Unique by
 * (institution, the institution's own reference): a repeated or concurrent referral finds the same case.
 */
export const referrals = pgTable(
  'referrals',
  {
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    reference: text('reference').notNull(),
    kind: text('kind', { enum: ['court', 'prosecution', 'police'] }).notNull(),
    /**
     * No foreign key: the referral row is written in the transaction that starts the case's workflow,
     * before the workflow's projection has written the case row (concurrent duplicates wait on it).
     */
    caseNumber: text('case_number').notNull().unique(),
    /** SHA-256 of the canonical request body: the same reference with another body is a conflict. */
    requestHash: text('request_hash').notNull(),
    body: jsonb('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('referrals_institution_reference_idx').on(table.institutionId, table.reference),
    index('referrals_institution_created_idx').on(table.institutionId, table.createdAt),
  ],
);

/** Legacy ledgers (台账) imported from spreadsheets: each becomes archived cases with no workflow. */
export const importBatches = pgTable('import_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  fileName: text('file_name').notNull(),
  format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
  rowCount: integer('row_count').notNull(),
  importedBy: uuid('imported_by'),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  totals: jsonb('totals').notNull().default({}),
});
