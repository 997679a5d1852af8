import type postgres from 'postgres';
import { assertObjectKey, type ObjectStore } from './object-store.js';

/**
 * The embedded default: objects as rows of `stored_objects` (db/schema/stored-objects.ts) in the
 * application's own PostgreSQL, bytes in a bytea column. No server beyond the database the system
 * already has, one backup for records and files, and a file and its record can be written in the same
 * database. Fit for the sizes a mediation centre keeps (scans and Word files of a few MiB, capped at
 * upload); a centre with many GiB of scans points OBJECT_STORE at S3-compatible storage instead.
 */
export function postgresObjectStore(sql: postgres.Sql): ObjectStore {
  return {
    kind: 'postgres',
    async put(key, bytes, contentType) {
      assertObjectKey(key);
      const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      await sql`
        insert into stored_objects (key, content_type, size, bytes)
        values (${key}, ${contentType}, ${bytes.byteLength}, ${body})
        on conflict (key) do update
          set content_type = excluded.content_type, size = excluded.size, bytes = excluded.bytes,
              stored_at = now()`;
    },
    async get(key) {
      assertObjectKey(key);
      const rows = await sql<{ bytes: Buffer }[]>`select bytes from stored_objects where key = ${key}`;
      const row = rows[0];
      return row ? new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : null;
    },
    async head(key) {
      assertObjectKey(key);
      const rows = await sql<{ size: number; content_type: string }[]>`
        select size, content_type from stored_objects where key = ${key}`;
      const row = rows[0];
      return row ? { size: row.size, contentType: row.content_type } : null;
    },
    async delete(key) {
      assertObjectKey(key);
      await sql`delete from stored_objects where key = ${key}`;
    },
  };
}
