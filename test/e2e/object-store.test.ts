import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../lib/object-store.js';
import { postgresObjectStore } from '../../lib/postgres-object-store.js';
import { s3ObjectStore } from '../../lib/s3-object-store.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { type RunningS3Server, startVersitygw } from '../helpers/versitygw.js';

/**
 * The two object stores behave the same: the embedded default in PostgreSQL and S3 against a real
 * S3-compatible server (versitygw over a temporary folder).
 */
let database: TestDatabase;
let s3: RunningS3Server;
const stores: Record<string, ObjectStore> = {};

beforeAll(async () => {
  [database, s3] = await Promise.all([createTestDatabase(), startVersitygw()]);
  stores.postgres = postgresObjectStore(database.sql);
  stores.s3 = s3ObjectStore(s3.settings);
});

afterAll(async () => {
  await Promise.all([database?.drop(), s3?.stop()]);
});

describe.each(['postgres', 's3'])('the %s object store', (kind) => {
  const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 255, 128, ...Buffer.from('调解协议书')]);

  it('gives back the bytes it was given, their size and type, and nothing once deleted', async () => {
    const store = stores[kind]!;
    const key = `cases/t-1/attachments/${kind}-one`;
    expect(await store.get(key)).toBeNull();
    expect(await store.head(key)).toBeNull();
    await store.put(key, bytes, 'application/pdf');
    expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
    expect(await store.head(key)).toEqual({ size: bytes.byteLength, contentType: 'application/pdf' });
    await store.put(key, bytes.subarray(0, 3), 'image/png');
    expect(await store.head(key)).toEqual({ size: 3, contentType: 'image/png' });
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
  });

  it('refuses a key that could climb out of its place', async () => {
    await expect(stores[kind]!.put('../etc/passwd', bytes, 'text/plain')).rejects.toThrow(/object key/);
    await expect(stores[kind]!.get('/absolute')).rejects.toThrow(/object key/);
  });
});

it('keeps S3 objects private: a request without credentials is refused', async () => {
  const key = 'cases/t-2/attachments/private';
  await stores.s3!.put(key, new Uint8Array([1, 2, 3]), 'application/pdf');
  const anonymous = await fetch(`${s3.settings.endpoint}/${s3.settings.bucket}/${key}`);
  expect(anonymous.status).toBe(403);
  expect(Buffer.from((await stores.s3!.get(key))!)).toEqual(Buffer.from([1, 2, 3]));
});
