import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staffRoles } from '../../domain/vocabulary.js';
import { institutions, units } from './reference.js';

/** Staff accounts: clerks, mediators, supervisors and admins. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: staffRoles }).notNull(),
    /** The staff member's own ID number, for conflict-of-interest checks (回避). */
    idNumber: text('id_number'),
    unitId: uuid('unit_id').references(() => units.id),
    /** scrypt hash in the form `scrypt$N$r$p$salt$hash` (base64url parts). */
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /**
     * Carried in every staff token; raised when the password is reset or the account disabled, so that
     * tokens issued before are refused (api/auth/authenticate.ts).
     */
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('users_unit_role_idx').on(table.unitId, table.role)],
);

/** API keys for institution clients. Only a SHA-256 of the secret part is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    /** Public, non-secret identifier embedded in the key (`fst_<keyId>_<secret>`). */
    keyId: text('key_id').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('api_keys_institution_idx').on(table.institutionId)],
);

/**
 * Failed logins (and attempts still being checked) per throttle key, for the sliding window that every
 * API copy shares (use-cases/auth/database-login-throttle.ts). Rows older than the window are pruned.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    /** `username:` or `address:` and a SHA-256 of the value (a password typed as a username is not kept). */
    key: text('key').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('login_failures_key_failed_at_idx').on(table.key, table.failedAt)],
);
