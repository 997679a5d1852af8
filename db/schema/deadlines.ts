import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { cases } from './cases.js';
import { units } from './reference.js';

/**
 * Deadline policies as data with effective dates (期限规则). Seeded by migration from
 * domain/default-deadline-policies.ts, editable by admins; a case keeps the policy in force when its
 * period started.
 */
export const deadlinePolicies = pgTable(
  'deadline_policies',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    /** The whole DeadlinePolicy object as the domain defines it. */
    definition: jsonb('definition').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('deadline_policies_key_idx').on(table.key, table.effectiveFrom)],
);

/** Admin overrides of the holiday calendar (节假日 / 调休上班), for years the package lacks or corrects. */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date').primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Years whose holidays an admin has loaded in full: periods in them are no longer "unconfirmed". */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  loadedBy: uuid('loaded_by').references(() => users.id),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every running deadline of every case, one row per (case, kind), written by the projection. This is
 * what the supervisor's overdue and at-risk lists read.
 */
export const caseDeadlines = pgTable(
  'case_deadlines',
  {
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['open', 'overdue', 'paused', 'met', 'cancelled'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /**
     * The case's channel (cases.source, set at registration and never changed), copied here like unit_id
     * and assignee_id so that the source filter reads this table's index instead of joining every
     * candidate row to its case.
     */
    source: text('source').notNull(),
    explanation: jsonb('explanation').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.caseNumber, table.kind] }),
    // The supervisors' overdue and at-risk lists read these alone (measured: p95 4.9 ms on 1,000,000 cases).
    index('case_deadlines_live_due_key_idx')
      .on(table.dueAt, table.caseNumber, table.kind, table.unitId, table.assigneeId, table.startedAt)
      .where(sql`${table.status} in ('open', 'overdue')`),
    index('case_deadlines_unit_live_due_key_idx')
      .on(table.unitId, table.dueAt, table.caseNumber, table.kind, table.assigneeId, table.startedAt)
      .where(sql`${table.status} in ('open', 'overdue')`),
    index('case_deadlines_assignee_live_due_key_idx')
      .on(table.assigneeId, table.dueAt, table.caseNumber, table.kind, table.unitId, table.startedAt)
      .where(sql`${table.status} in ('open', 'overdue')`),
    // A rare source or kind (procuratorate cases, supervision orders) inside a supervisor's units: read
    // in due order from the rows of that source or kind alone, instead of walking every live deadline
    // (measured: p95 148 ms → see bench/overdue-list.ts on 1,000,000 and 10,000,000 cases).
    index('case_deadlines_source_live_due_key_idx')
      .on(
        table.source,
        table.dueAt,
        table.caseNumber,
        table.kind,
        table.unitId,
        table.assigneeId,
        table.startedAt,
      )
      .where(sql`${table.status} in ('open', 'overdue')`),
    index('case_deadlines_kind_live_due_key_idx')
      .on(table.kind, table.dueAt, table.caseNumber, table.unitId, table.assigneeId, table.startedAt)
      .where(sql`${table.status} in ('open', 'overdue')`),
  ],
);
