import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { leadRiskLevels, leadStatuses } from '../../domain/screening-vocabulary.js';
import { disputeCategories } from '../../domain/vocabulary.js';
import { users } from './auth.js';
import { cases } from './cases.js';
import { oneOf } from './one-of.js';
import { units } from './reference.js';

/**
 * Leads from grassroots screening (排查线索): a risk or a dispute a grid worker (网格员) found in their
 * grid and reported from a phone, and what the station decided about it. Not a case: a lead is watched,
 * mediated on the spot (then it becomes a case, case_number) or escalated.
 */
export const gridLeads = pgTable(
  'grid_leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The grid (a village or community unit) the lead was found in: the reporter's own unit. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    reportedById: uuid('reported_by_id')
      .notNull()
      .references(() => users.id),
    /** The client's Idempotency-Key (or the form's one-time key): a resent report finds the first one. */
    idempotencyKey: text('idempotency_key'),
    place: text('place').notNull(), // 地点
    /** People involved ({ name, phone? }[]): phone numbers are PII, masked in lists. */
    people: jsonb('people').notNull().default([]),
    category: text('category').notNull(), // 纠纷类别
    riskLevel: text('risk_level').notNull(), // 风险等级
    description: text('description').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status').notNull().default('reported'),
    triagedById: uuid('triaged_by_id').references(() => users.id),
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    /** Why it went up a level (上报理由). */
    escalationReason: text('escalation_reason'),
    caseNumber: text('case_number')
      .unique()
      .references(() => cases.caseNumber),
    /** When a request began registering its case: a second request waits for that one (as consultations do). */
    conversionClaimedAt: timestamp('conversion_claimed_at', { withTimezone: true }),
  },
  (table) => [
    index('grid_leads_unit_reported_idx').on(table.unitId, table.reportedAt),
    index('grid_leads_reported_idx').on(table.reportedAt),
    uniqueIndex('grid_leads_idempotency_idx').on(table.reportedById, table.idempotencyKey),
    check('grid_leads_category_check', oneOf(table.category, disputeCategories)),
    check('grid_leads_risk_level_check', oneOf(table.riskLevel, leadRiskLevels)),
    check('grid_leads_status_check', oneOf(table.status, leadStatuses)),
    check(
      'grid_leads_case_when_mediating_check',
      sql`(${table.status} = 'mediating') = (${table.caseNumber} is not null)`,
    ),
  ],
);

/** A screening campaign (大排查): a period and the units that screen in it ("拉网式、地毯式"). */
export const screeningCampaigns = pgTable(
  'screening_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** First and last day (China time), inclusive. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** The unit that runs the campaign: its supervisors (and admins) see the campaign and its figures. */
    organiserUnitId: uuid('organiser_unit_id')
      .notNull()
      .references(() => units.id),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('screening_campaigns_idempotency_idx').on(table.createdById, table.idempotencyKey),
    check('screening_campaigns_period_check', sql`${table.startsOn} <= ${table.endsOn}`),
  ],
);

/** The units a campaign covers (each screened on its own: a unit's subtree is listed unit by unit). */
export const screeningCampaignUnits = pgTable(
  'screening_campaign_units',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => screeningCampaigns.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.unitId] })],
);
