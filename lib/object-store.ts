/**
 * Where the bytes of files live (attachments, generated documents, signed scans): an object store
 * addressed by key. PostgreSQL keeps what the files are (case, name, type, SHA-256, who and when);
 * the store keeps only the bytes. Two implementations, chosen by configuration (OBJECT_STORE):
 *
 * - `postgres` (the embedded default): a `stored_objects` table in the application's own database,
 *   so a laptop or an offline intranet needs no other server and a backup of the database is a backup
 *   of the files (lib/postgres-object-store.ts);
 * - `s3`: any S3-compatible object storage through @aws-sdk/client-s3 (lib/s3-object-store.ts).
 *
 * Keys are opaque to callers outside the use-cases that make them; no key carries personal data.
 * Objects are never publicly readable: every read goes through an authorised route.
 */
export interface ObjectStore {
  /** Which implementation this is, for logs and the start banner. */
  readonly kind: 'postgres' | 's3';
  /** Stores (or replaces) the object. Writing the same key with the same bytes again is harmless. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none under that key. */
  get(key: string): Promise<Uint8Array | null>;
  /** Size and type without the bytes, or null when there is none under that key. */
  head(key: string): Promise<StoredObjectHead | null>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export interface StoredObjectHead {
  size: number;
  contentType: string;
}

/** Object keys: lower-case letters, digits and `/ - _ .`; no leading slash, no `..`. */
const keyPattern = /^[a-z0-9][a-z0-9/_.-]{0,511}$/;

export function assertObjectKey(key: string): void {
  if (!keyPattern.test(key) || key.includes('..') || key.includes('//')) {
    throw new Error(`Not an object key: ${JSON.stringify(key)}`);
  }
}
