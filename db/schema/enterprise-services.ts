import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  engagementOrigins,
  engagementStages,
  findingStatuses,
  riskLevels,
} from '../../domain/enterprise-services-vocabulary.js';
import { users } from './auth.js';
import { enterprises } from './enterprises.js';
import { oneOf } from './one-of.js';
import { units } from './reference.js';

/** 法治体检: an engagement with one enterprise, from its request (or a campaign) to its report and follow-up. */
export const enterpriseEngagements = pgTable(
  'enterprise_engagements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The enterprise's unit when the engagement began: its staff do the work. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    origin: text('origin').notNull(), // 企业申请 / 专项活动
    campaign: text('campaign'), // 专项活动名称
    note: text('note'),
    stage: text('stage').notNull().default('requested'),
    visitedOn: date('visited_on'),
    /** The visiting team: names (staff, lawyers) as staff typed them. */
    team: jsonb('team').notNull().default([]),
    /** The matters examined (合同、劳动用工 …). */
    matters: jsonb('matters').notNull().default([]),
    /** The generated report (.docx) in the object store, with its hash. */
    reportObjectKey: text('report_object_key'),
    reportSha256: text('report_sha256'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('enterprise_engagements_enterprise_idx').on(table.enterpriseId, table.createdAt),
    index('enterprise_engagements_created_idx').on(table.createdAt),
    check('enterprise_engagements_origin_check', oneOf(table.origin, engagementOrigins)),
    check('enterprise_engagements_stage_check', oneOf(table.stage, engagementStages)),
  ],
);

/** What a visit found, with its risk level, followed up until the enterprise has put it right. */
export const engagementFindings = pgTable(
  'engagement_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => enterpriseEngagements.id),
    /** 1, 2, … within the engagement. */
    n: integer('n').notNull(),
    matter: text('matter').notNull(),
    riskLevel: text('risk_level').notNull(),
    description: text('description').notNull(),
    recommendation: text('recommendation').notNull(),
    status: text('status').notNull().default('open'),
    /** Each follow-up: { at, by, note, closes }. */
    followUps: jsonb('follow_ups').notNull().default([]),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('engagement_findings_number_idx').on(table.engagementId, table.n),
    check('engagement_findings_risk_check', oneOf(table.riskLevel, riskLevels)),
    check('engagement_findings_status_check', oneOf(table.status, findingStatuses)),
  ],
);

/** 普法 sessions for enterprises: when, for whom, on what, how many came. */
export const enterpriseLawSessions = pgTable(
  'enterprise_law_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The enterprise it was held at or for; null for an open session (园区、商会). */
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    heldOn: date('held_on').notNull(),
    audience: text('audience').notNull(),
    topic: text('topic').notNull(),
    attendance: integer('attendance').notNull(),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('enterprise_law_sessions_held_idx').on(table.heldOn),
    check('enterprise_law_sessions_attendance_check', sql`${table.attendance} >= 0`),
  ],
);

/** Legal manuals handed out (发放法律手册): how many, when, to whom. */
export const manualHandouts = pgTable(
  'manual_handouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    handedOutOn: date('handed_out_on').notNull(),
    title: text('title').notNull(),
    copies: integer('copies').notNull(),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('manual_handouts_handed_idx').on(table.handedOutOn),
    check('manual_handouts_copies_check', sql`${table.copies} > 0`),
  ],
);

/** The 帮办代办 window's errands: something done for an enterprise, by a deadline. */
export const enterpriseErrands = pgTable(
  'enterprise_errands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    matter: text('matter').notNull(),
    dueOn: date('due_on').notNull(),
    status: text('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    outcome: text('outcome'),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('enterprise_errands_due_idx').on(table.status, table.dueOn),
    check('enterprise_errands_status_check', oneOf(table.status, ['open', 'done'])),
  ],
);
