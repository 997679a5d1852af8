import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';

/**
 * One row per intake form the workbench handed out and received (its hidden token): a form submitted
 * twice (a double click, a browser retry) registers one case, and the second answer is that case.
 */
export const formSubmissions = pgTable('form_submissions', {
  token: uuid('token').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  /** Null while the first submission is still registering the case. */
  caseNumber: text('case_number'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
