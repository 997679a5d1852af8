import { boolean, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { centrePolicyKeys } from '../../domain/centre-policies.js';
import { users } from './auth.js';
import { oneOf } from './one-of.js';

/**
 * The centre's own switches (中心工作制度, not law), one row per era like the deadline policies: a case
 * keeps the era in force when the rule first applied to it. Seeded from domain/centre-policies.ts.
 */
export const centrePolicies = pgTable(
  'centre_policies',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    enabled: boolean('enabled').notNull(),
    rule: text('rule').notNull(),
    ruleZh: text('rule_zh').notNull(),
    /** 'centre policy (not law)'. */
    source: text('source').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('centre_policies_key_idx').on(table.key, table.effectiveFrom),
    check('centre_policies_key_check', oneOf(table.key, centrePolicyKeys)),
  ],
);
