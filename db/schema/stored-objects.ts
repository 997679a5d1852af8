import { customType, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/**
 * The embedded object store (lib/postgres-object-store.ts): the bytes of attachments and generated
 * documents when OBJECT_STORE=postgres, one row per object key. What a file is (its case, name, hash)
 * is recorded elsewhere; this table is only the bytes. Written and read by key alone.
 */
export const storedObjects = pgTable('stored_objects', {
  key: text('key').primaryKey(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
  storedAt: timestamp('stored_at', { withTimezone: true }).notNull().defaultNow(),
});
