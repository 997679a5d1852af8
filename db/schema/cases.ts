import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { stages } from '../../domain/stages.js';
import { dispositions, disputeCategories, triageClasses } from '../../domain/vocabulary.js';
import { users } from './auth.js';
import { enterprises } from './enterprises.js';
import { oneOf } from './one-of.js';
import { institutions, units } from './reference.js';

/** Per-prefix, per-year counter behind case numbers such as HLBE-2026-000123. */
export const caseNumberCounters = pgTable(
  'case_number_counters',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.prefix, table.year] })],
);

/**
 * Read model of every case: what supervisors list and filter. Written only by the case workflow's
 * projection activity; the workflow is the source of truth.
 */
export const cases = pgTable(
  'cases',
  {
    caseNumber: text('case_number').primaryKey(),
    workflowId: text('workflow_id').notNull().unique(),
    /** 'workflow': a live case; 'import': an archived case from a legacy ledger (no workflow). */
    origin: text('origin', { enum: ['workflow', 'import'] })
      .notNull()
      .default('workflow'),
    importBatchId: uuid('import_batch_id'),
    source: text('source').notNull(), // 来源渠道
    stage: text('stage').notNull(),
    triageClass: text('triage_class'), // 简易 / 一般 / 复杂
    outcome: text('outcome'),
    category: text('category'),
    summary: text('summary').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    registeredById: uuid('registered_by_id').references(() => users.id),
    referringInstitutionId: uuid('referring_institution_id').references(() => institutions.id),
    externalReference: text('external_reference'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    /** Which docking brought the case: court (诉调对接), procuratorate (检调对接), police (警调对接). */
    referralKind: text('referral_kind', { enum: ['court', 'prosecution', 'police'] }),
    /** Court: delegated (委派) | entrusted (委托); prosecution and police: the referral's own type. */
    referralType: text('referral_type'),
    claimAmountFen: bigint('claim_amount_fen', { mode: 'number' }),
    /** Court fee the parties would have paid (诉讼费用交纳办法 arts 13, 15, 16), for settled court referrals. */
    courtFeeSavedFen: bigint('court_fee_saved_fen', { mode: 'number' }),
    /** The referring institution's decision: judicial confirmation ruling, procuratorate decision. */
    institutionDecision: text('institution_decision'),
    partiesCount: integer('parties_count').notNull().default(0),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    disposition: text('disposition'),
    overdue: boolean('overdue').notNull().default(false),
    /** 涉企绿色通道: flagged cases come first in the queues (the flag itself is in `state`). */
    greenChannel: boolean('green_channel').notNull().default(false),
    greenChannelEnterpriseId: uuid('green_channel_enterprise_id').references(() => enterprises.id),
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    deadlines: jsonb('deadlines').notNull().default([]),
    state: jsonb('state').notNull(),
    lastSeq: integer('last_seq').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (table) => [
    index('cases_stage_idx').on(table.stage, table.registeredAt),
    index('cases_unit_stage_idx').on(table.unitId, table.stage),
    index('cases_assignee_idx').on(table.assigneeId, table.stage),
    index('cases_registered_at_idx').on(table.registeredAt),
    index('cases_source_idx').on(table.source, table.registeredAt),
    index('cases_referral_idx').on(table.referringInstitutionId, table.externalReference),
    // 涉企绿色通道: the few flagged cases, read first by every list without walking the others.
    index('cases_green_channel_idx')
      .on(table.registeredAt, table.caseNumber)
      .where(sql`${table.greenChannel}`),
    check('cases_stage_check', oneOf(table.stage, stages)),
    check('cases_triage_class_check', oneOf(table.triageClass, triageClasses)),
    check('cases_category_check', oneOf(table.category, disputeCategories)),
    check('cases_disposition_check', oneOf(table.disposition, dispositions)),
  ],
);

/** Append-only log of every transition: who, what, when, before and after. */
export const caseEvents = pgTable(
  'case_events',
  {
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    actorKind: text('actor_kind', { enum: ['staff', 'institution', 'system'] }).notNull(),
    actorId: text('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    before: jsonb('before'),
    after: jsonb('after').notNull(),
    payload: jsonb('payload').notNull().default({}),
  },
  (table) => [
    primaryKey({ columns: [table.caseNumber, table.seq] }),
    index('case_events_at_idx').on(table.at),
    // Statistics: which cases were ever overdue.
    index('case_events_overdue_idx').on(table.caseNumber).where(sql`${table.type} = 'deadline_overdue'`),
  ],
);
