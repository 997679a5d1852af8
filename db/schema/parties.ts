import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { cases } from './cases.js';

/** The people and organisations in a case (当事人), in the order they were registered. */
export const parties = pgTable(
  'parties',
  {
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    ordinal: integer('ordinal').notNull(),
    kind: text('kind', { enum: ['person', 'organisation'] }).notNull(),
    name: text('name').notNull(),
    /** Name with spaces, punctuation and case folded away, for conflict-of-interest matching. */
    nameNormalised: text('name_normalised').notNull(),
    role: text('role', { enum: ['applicant', 'respondent', 'agent', 'third_party'] }).notNull(),
    idType: text('id_type'),
    idNumber: text('id_number'),
    phone: text('phone'),
    address: text('address'),
  },
  (table) => [
    primaryKey({ columns: [table.caseNumber, table.ordinal] }),
    index('parties_id_number_idx').on(table.idNumber),
    index('parties_name_normalised_idx').on(table.nameNormalised),
  ],
);

/** People a mediator has declared a relation to (回避): matched against a case's parties at assignment. */
export const mediatorRelations = pgTable(
  'mediator_relations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    nameNormalised: text('name_normalised').notNull(),
    idNumber: text('id_number'),
    relation: text('relation').notNull(), // e.g. 近亲属, 同事, 曾代理
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('mediator_relations_user_idx').on(table.userId)],
);
