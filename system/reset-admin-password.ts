import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Environment } from '../config/env.js';
import { connectDatabase } from '../db/client.js';
import { embeddedPostgresUrl, startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { migrateDatabase } from '../db/migrate.js';
import { users } from '../db/schema/index.js';
import { hashPassword } from '../use-cases/auth/passwords.js';
import { recordCredentials } from './first-start-credentials.js';
import { type CreatedCredential, ensureAdmin, randomPassword } from './seed.js';
import { StartupError } from './startup-error.js';

async function answers(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ECONNREFUSED') return false;
    throw error;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/** DATABASE_URL, or the embedded cluster of the data folder: the running one, or started for the occasion. */
export async function openDatabase(env: Environment): Promise<{ url: string; stop(): Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const dataDir = join(env.FEISUTONG_DATA_DIR, 'postgres');
  const url = await embeddedPostgresUrl(dataDir, env.EMBEDDED_POSTGRES_PORT);
  if (!url) {
    throw new StartupError(
      `there is no database in ${dataDir} yet; run npm start first (it creates the admin account)`,
    );
  }
  if (await answers(url)) return { url, stop: async () => {} };
  const started = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_POSTGRES_PORT });
  return { url: started.url, stop: started.stop };
}

/**
 * `npm run admin:reset-password`: a new password for the admin account (FEISUTONG_ADMIN_USERNAME,
 * `admin` by default; created if missing), FEISUTONG_ADMIN_PASSWORD or a random one. The password is
 * kept in the credentials file before it is set; the account's tokens issued before are refused.
 */
export async function resetAdminPassword(
  env: Environment,
): Promise<{ credential: CreatedCredential; file: string }> {
  const username = env.FEISUTONG_ADMIN_USERNAME ?? 'admin';
  const password = env.FEISUTONG_ADMIN_PASSWORD ?? randomPassword();
  const credential: CreatedCredential = { what: '系统管理员（重设）', username, secret: password };
  const database = await openDatabase(env);
  try {
    await migrateDatabase(database.url);
    const connection = connectDatabase(database.url, { max: 1 });
    try {
      const [existing] = await connection.db
        .select({ role: users.role })
        .from(users)
        .where(eq(users.username, username))
        .limit(1);
      if (existing && existing.role !== 'admin') {
        throw new StartupError(
          `the account ${username} is a ${existing.role}, not an admin; set FEISUTONG_ADMIN_USERNAME to the admin's user name`,
        );
      }
      const file = env.FEISUTONG_ADMIN_PASSWORD
        ? ''
        : await recordCredentials(env.FEISUTONG_DATA_DIR, [credential]);
      const created = await ensureAdmin(connection.db, username, password);
      if (!created) {
        await connection.db
          .update(users)
          .set({
            passwordHash: await hashPassword(password),
            active: true,
            tokenVersion: sql`${users.tokenVersion} + 1`,
          })
          .where(eq(users.username, username));
      }
      return { credential, file };
    } finally {
      await connection.close();
    }
  } finally {
    await database.stop();
  }
}
