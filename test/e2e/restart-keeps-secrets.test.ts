import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readEnvironment } from '../../config/env.js';
import { createHttpApp } from '../../server/create-http-app.js';
import { startSystem } from '../../system/start-system.js';
import { createInstitution } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * Issue 19, item 15: with no AUTH_TOKEN_SECRET and no CALLBACK_SIGNING_KEY in the environment, a
 * restart of the embedded start must keep both: staff stay logged in, and each court's callback secret
 * stays the one it configured. The look-up index's key (LOOKUP_HASH_KEY) is kept the same way.
 */
describe('a restart of the system started without AUTH_TOKEN_SECRET and CALLBACK_SIGNING_KEY', () => {
  let database: TestDatabase;
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  afterAll(async () => {
    await database?.drop();
    await folder?.remove();
  });

  it('keeps staff tokens valid and institutions’ callback secrets unchanged', async () => {
    [database, folder] = await Promise.all([createTestDatabase(), makeTempDir('restart')]);
    const court = await createInstitution(database.db, 'court', '海拉尔区人民法院');
    const env = readEnvironment({
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: `restart-${randomBytes(4).toString('hex')}`,
      PORT: '0',
      FEISUTONG_DATA_DIR: folder.path,
      FEISUTONG_ADMIN_PASSWORD: 'restart-admin-password-0123',
      FEISUTONG_DEMO_SEED: 'false',
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
    });
    const logger = pino({ level: 'silent' });

    const first = await startSystem(env, logger, createHttpApp);
    let token: string;
    let secret: string;
    try {
      const login = await fetch(`${first.apiUrl}/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'restart-admin-password-0123' }),
      });
      expect(login.status).toBe(200);
      token = ((await login.json()) as { accessToken: string }).accessToken;
      const revealed = await fetch(`${first.apiUrl}/v1/admin/institutions/${court.id}/callback-secret`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(revealed.status).toBe(200);
      secret = ((await revealed.json()) as { secret: string }).secret;
    } finally {
      await first.stop();
    }
    // The look-up index's key is kept beside the other secrets, readable by this user alone.
    const lookupKeyFile = join(folder.path, 'secrets', 'lookup-hash-key');
    expect((await stat(lookupKeyFile)).mode & 0o777).toBe(0o600);
    const lookupKey = await readFile(lookupKeyFile, 'utf8');
    expect(lookupKey.trim().length).toBeGreaterThanOrEqual(32);

    const second = await startSystem(env, logger, createHttpApp);
    try {
      const again = await fetch(`${second.apiUrl}/v1/admin/institutions/${court.id}/callback-secret`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { secret: string }).secret).toBe(secret);
      expect(await readFile(lookupKeyFile, 'utf8')).toBe(lookupKey);
    } finally {
      await second.stop();
    }
  });
});
