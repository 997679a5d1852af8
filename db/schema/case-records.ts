import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { cases } from './cases.js';

/** Mediation sessions (调解记录), keyed by the event that recorded them. */
export const caseSessions = pgTable(
  'case_sessions',
  {
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    seq: integer('seq').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    location: text('location'),
    /** Held on site (现场调解, the circuit teams' way) rather than in a room: location names the place. */
    onSite: boolean('on_site').notNull().default(false),
    summary: text('summary').notNull(),
    mediatorId: uuid('mediator_id').references(() => users.id),
  },
  (table) => [primaryKey({ columns: [table.caseNumber, table.seq] })],
);

/** Settlement agreements (调解协议): written or oral, terms, amounts in fen and how they are performed. */
export const caseAgreements = pgTable(
  'case_agreements',
  {
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    seq: integer('seq').notNull(),
    form: text('form', { enum: ['written', 'oral'] }).notNull(),
    terms: text('terms').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    performance: jsonb('performance').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.caseNumber, table.seq] })],
);

/** In-app inbox: reminders, overdue notices and assignments. Idempotent by its key. */
export const notifications = pgTable(
  'notifications',
  {
    key: text('key').primaryKey(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id),
    caseNumber: text('case_number').references(() => cases.caseNumber),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (table) => [index('notifications_recipient_idx').on(table.recipientId, table.createdAt)],
);

/** Supervision orders (督办): a note to the assignee and a date by which they must explain. */
export const supervisionOrders = pgTable(
  'supervision_orders',
  {
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    seq: integer('seq').notNull(),
    issuedBy: uuid('issued_by').references(() => users.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    note: text('note').notNull(),
    explainBy: timestamp('explain_by', { withTimezone: true }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    explanation: text('explanation'),
    explainedAt: timestamp('explained_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.caseNumber, table.seq] }),
    index('supervision_orders_open_idx').on(table.explainedAt),
  ],
);
