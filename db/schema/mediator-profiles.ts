import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';

/**
 * A mediator's profile in the directory (调解超市): what parties and clerks choose a mediator by.
 * Qualifications, specialties (dispute categories) and languages are codes of domain/vocabulary.ts;
 * the figures (open cases, settled, average days) are computed from the cases, never stored here.
 */
export const mediatorProfiles = pgTable(
  'mediator_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    qualifications: text('qualifications').array().notNull().default(sql`'{}'::text[]`), // 资质
    specialties: text('specialties').array().notNull().default(sql`'{}'::text[]`), // 擅长领域（纠纷类别）
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`), // 工作语言
    introduction: text('introduction').notNull().default(''), // 个人简介
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('mediator_profiles_introduction_length', sql`char_length(${table.introduction}) <= 1000`),
  ],
);
