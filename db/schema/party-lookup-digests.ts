import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';

/**
 * The parties' look-up index: a keyed digest (HMAC-SHA-256 under LOOKUP_HASH_KEY) of each party's
 * normalised ID number / 统一社会信用代码 and phone. The duplicate warning at intake and the exact search
 * find cases through it alone, never by scanning the number columns of `parties`.
 */
export const partyLookupDigests = pgTable(
  'party_lookup_digests',
  {
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    /** The party's ordinal in `parties`. */
    ordinal: integer('ordinal').notNull(),
    kind: text('kind', { enum: ['id_number', 'phone'] }).notNull(),
    /** Hex HMAC-SHA-256 of the kind and the normalised value. */
    digest: text('digest').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.caseNumber, table.ordinal, table.kind] }),
    index('party_lookup_digests_digest_idx').on(table.digest),
  ],
);
