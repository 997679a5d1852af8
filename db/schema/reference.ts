import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { institutionKinds, unitKinds } from '../../domain/vocabulary.js';

/** The centre, its industry mediation stations and township/village points ("1+18+N"). */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: unitKinds }).notNull(), // 中心 / 调解站 / 调解点 / 巡回调解小分队
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('units_parent_idx').on(table.parentId)],
);

/** Courts, procuratorates and police stations that refer cases as machine clients. */
export const institutions = pgTable('institutions', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: institutionKinds }).notNull(),
  callbackUrl: text('callback_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});
