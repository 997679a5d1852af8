import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../config/env.js';
import type { ObjectStore } from '../../lib/object-store.js';
import { postgresObjectStore } from '../../lib/postgres-object-store.js';
import { s3ObjectStore } from '../../lib/s3-object-store.js';
import { objectStoreFrom } from '../../system/object-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';
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

describe('the object store chosen by configuration', () => {
  const s3Environment = (extra: Record<string, string>) =>
    readEnvironment({
      OBJECT_STORE: 's3',
      S3_ENDPOINT: s3.settings.endpoint,
      S3_BUCKET: s3.settings.bucket,
      S3_FORCE_PATH_STYLE: 'true',
      ...extra,
    });

  it('is the embedded default unless OBJECT_STORE says s3', async () => {
    expect((await objectStoreFrom(readEnvironment({}), database.sql)).kind).toBe('postgres');
  });

  it('reads S3 credentials from a file only no other user can read', async () => {
    const folder = await makeTempDir('s3-credentials');
    const file = join(folder.path, 's3.json');
    await writeFile(file, JSON.stringify(s3.settings.credentials));
    try {
      await chmod(file, 0o644);
      await expect(
        objectStoreFrom(s3Environment({ S3_CREDENTIALS_FILE: file }), database.sql),
      ).rejects.toThrow(/may be read by other users.*chmod 600/);
      await chmod(file, 0o600);
      const store = await objectStoreFrom(s3Environment({ S3_CREDENTIALS_FILE: file }), database.sql);
      await store.put('config/check', new Uint8Array([7]), 'application/pdf');
      expect(await store.head('config/check')).toEqual({ size: 1, contentType: 'application/pdf' });
      store.close();
    } finally {
      await folder.remove();
    }
  });

  it('stops the start with one line when the bucket cannot be reached', async () => {
    await expect(
      objectStoreFrom(
        s3Environment({ S3_ACCESS_KEY_ID: 'nobody', S3_SECRET_ACCESS_KEY: 'wrong-secret' }),
        database.sql,
      ),
    ).rejects.toThrow(/The S3 bucket feisutong-test cannot be reached/);
    await expect(objectStoreFrom(readEnvironment({ OBJECT_STORE: 's3' }), database.sql)).rejects.toThrow(
      /needs S3_BUCKET/,
    );
  });
});
