import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { handOffKinds } from '../../domain/hand-offs.js';
import { cases } from './cases.js';
import { oneOf } from './one-of.js';
import { institutions } from './reference.js';

export const handOffStatuses = ['sent', 'acknowledged', 'declined', 'decided', 'withdrawn'] as const;

/**
 * Hand-offs (联动) of cases to partner bodies, one row per hand-off, written by the projection from
 * the case's view: how a body finds the hand-offs addressed to it (and only those).
 */
export const handOffs = pgTable(
  'hand_offs',
  {
    /** The case number and the hand-off's sequence in the case, e.g. HLBE-2026-000001-H1. */
    id: text('id').primaryKey(),
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    n: integer('n').notNull(),
    kind: text('kind', { enum: handOffKinds }).notNull(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    status: text('status', { enum: handOffStatuses }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('hand_offs_institution_sent_idx').on(table.institutionId, table.sentAt),
    index('hand_offs_case_idx').on(table.caseNumber),
    check('hand_offs_kind_check', oneOf(table.kind, handOffKinds)),
    check('hand_offs_status_check', oneOf(table.status, handOffStatuses)),
  ],
);
