/**
 * Load the sample year 2022 (scripts/generate-sample-ledger.ts and scripts/sample-ledger/) into a
 * running system, so that the dashboard's annual table (年度统计表) shows a figure on every line:
 *
 *   FEISUTONG_ADMIN_PASSWORD=… npx tsx scripts/load-sample-year.ts [http://localhost:3000]
 *
 * The cases go through the import API as the admin (FEISUTONG_ADMIN_USERNAME, default admin); the
 * consultations, grid leads and enterprise services straight into the database the system uses: the
 * DATABASE_URL given to it, or else the embedded PostgreSQL `npm start` runs under FEISUTONG_DATA_DIR
 * (default .data) on EMBEDDED_POSTGRES_PORT (default 54329), with the password it keeps beside it. Two
 * sample staff accounts are created to record them under, with random passwords nobody keeps. Once
 * only: a second run is refused by the import.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { connectDatabase, type Database } from '../db/client.js';
import { units, users } from '../db/schema/index.js';
import { hashPassword } from '../use-cases/auth/passwords.js';
import { loadSampleYear } from './sample-ledger/load-sample-year.js';

async function sampleStaff(
  db: Database,
  username: string,
  displayName: string,
  role: 'mediator' | 'supervisor',
) {
  const [centre] = await db.select({ id: units.id }).from(units).where(eq(units.code, 'HLBE-CENTRE'));
  if (!centre) throw new Error('no unit HLBE-CENTRE: start the system once first (it seeds the demo centre)');
  const [user] = await db
    .insert(users)
    .values({
      username,
      displayName,
      role,
      unitId: centre.id,
      passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
    })
    .onConflictDoUpdate({ target: users.username, set: { displayName } })
    .returning({ id: users.id });
  return user!.id;
}

/** The database `npm start` uses: DATABASE_URL, or its embedded PostgreSQL (db/embedded-postgres.ts). */
async function databaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const dataDir = join(resolve(process.env.FEISUTONG_DATA_DIR ?? '.data'), 'postgres');
  const password = (await readFile(`${dataDir}.credentials`, 'utf8')).trim();
  const port = process.env.EMBEDDED_POSTGRES_PORT ?? '54329';
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

async function main(): Promise<void> {
  const baseUrl = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
  const password = process.env.FEISUTONG_ADMIN_PASSWORD;
  if (!password) throw new Error('set FEISUTONG_ADMIN_PASSWORD (the admin password npm start printed)');
  const login = await fetch(`${baseUrl}/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: process.env.FEISUTONG_ADMIN_USERNAME ?? 'admin', password }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { accessToken: token } = (await login.json()) as { accessToken: string };
  const database = connectDatabase(await databaseUrl(), { max: 2 });
  try {
    const staff = {
      answeredById: await sampleStaff(database.db, 'sample-duty-lawyer', '值班律师（样例）', 'mediator'),
      recordedById: await sampleStaff(
        database.db,
        'sample-station-staff',
        '中心工作人员（样例）',
        'supervisor',
      ),
    };
    const { loaded } = await loadSampleYear(baseUrl, token, database.db, staff);
    console.log(`loaded the sample year 2022: ${JSON.stringify(loaded)}`);
  } finally {
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
