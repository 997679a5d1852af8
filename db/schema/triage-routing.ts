import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { units } from './reference.js';

/**
 * Which station triage suggests for a dispute category (分流建议): admins keep it; the case page's
 * assignment form preselects the station it names. One row per category of domain/vocabulary.ts.
 */
export const triageStationRules = pgTable('triage_station_rules', {
  category: text('category').primaryKey(), // 纠纷类别
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every change of the mapping, who made it and when (the audit trail); unit null when a rule was removed. */
export const triageStationRuleChanges = pgTable('triage_station_rule_changes', {
  id: uuid('id').primaryKey().defaultRandom(),
  category: text('category').notNull(),
  unitId: uuid('unit_id').references(() => units.id),
  changedBy: uuid('changed_by')
    .notNull()
    .references(() => users.id),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});
