import { readFile, stat } from 'node:fs/promises';
import type postgres from 'postgres';
import { z } from 'zod';
import type { Environment } from '../config/env.js';
import type { ObjectStore } from '../lib/object-store.js';
import { postgresObjectStore } from '../lib/postgres-object-store.js';
import { s3ObjectStore } from '../lib/s3-object-store.js';
import { StartupError } from './startup-error.js';

const CredentialsFile = z.object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) });

/**
 * S3 credentials from S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY, or from S3_CREDENTIALS_FILE, which no
 * other user may read (0600 or stricter, as ssh does with its keys); neither: the SDK's own chain.
 */
async function s3Credentials(env: Environment) {
  if (env.S3_ACCESS_KEY_ID || env.S3_SECRET_ACCESS_KEY) {
    if (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) {
      throw new StartupError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together.');
    }
    return { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY };
  }
  if (!env.S3_CREDENTIALS_FILE) return undefined;
  const file = env.S3_CREDENTIALS_FILE;
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0) {
    throw new StartupError(
      `S3_CREDENTIALS_FILE ${file} may be read by other users (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it.`,
    );
  }
  const parsed = CredentialsFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new StartupError(
      `S3_CREDENTIALS_FILE ${file} must hold {"accessKeyId": "…", "secretAccessKey": "…"}.`,
    );
  }
  return parsed.data;
}

/** The object store configuration asks for (OBJECT_STORE), checked to be reachable. */
export async function objectStoreFrom(
  env: Environment,
  sql: postgres.Sql,
): Promise<ObjectStore & { close(): void }> {
  if (env.OBJECT_STORE === 'postgres') return { ...postgresObjectStore(sql), close() {} };
  if (!env.S3_BUCKET) throw new StartupError('OBJECT_STORE=s3 needs S3_BUCKET.');
  const store = s3ObjectStore({
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    credentials: await s3Credentials(env),
  });
  try {
    await store.checkBucket();
  } catch (error) {
    store.close();
    throw new StartupError(
      `The S3 bucket ${env.S3_BUCKET} cannot be reached at ${env.S3_ENDPOINT ?? 'AWS'}: ${(error as Error).name}.`,
    );
  }
  return store;
}
