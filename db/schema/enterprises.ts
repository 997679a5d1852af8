import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import {
  enterpriseIndustries,
  enterpriseSizes,
  marketEntityClasses,
} from '../../domain/enterprise-vocabulary.js';
import { users } from './auth.js';
import { oneOf } from './one-of.js';
import { units } from './reference.js';

/**
 * The enterprise registry (法治化营商环境服务): the market entities the centre serves with 法治体检,
 * 普法 and the 涉企绿色通道, one row per 统一社会信用代码.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** 统一社会信用代码 (GB 32100-2015), check character verified, stored in capitals. */
    creditCode: text('credit_code').notNull().unique(),
    entityClass: text('entity_class').notNull(), // 5类市场主体
    industry: text('industry').notNull(), // 所属行业
    size: text('size'), // 企业规模
    address: text('address'),
    /** People to call (name, position, phone): PII, masked in lists. */
    contacts: jsonb('contacts').notNull().default([]),
    /** The unit that looks after the enterprise; its staff see the contacts in full. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    registeredById: uuid('registered_by_id')
      .notNull()
      .references(() => users.id),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('enterprises_name_idx').on(table.name),
    index('enterprises_registered_idx').on(table.registeredAt),
    check('enterprises_entity_class_check', oneOf(table.entityClass, marketEntityClasses)),
    check('enterprises_industry_check', oneOf(table.industry, enterpriseIndustries)),
    check('enterprises_size_check', oneOf(table.size, enterpriseSizes)),
  ],
);
