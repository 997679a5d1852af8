import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { resolveDatabaseUrl, withDatabaseName } from '../../../db/database-url.js';
import { freePort } from '../../helpers/ports.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

describe('database URL resolution', () => {
  it('uses DATABASE_URL as given and starts nothing', async () => {
    let started = false;
    const target = await resolveDatabaseUrl(
      {
        DATABASE_URL: 'postgres://app:secret@db.internal:5432/feisutong',
        FEISUTONG_DATA_DIR: '/nowhere',
        EMBEDDED_POSTGRES_PORT: 1,
      },
      async () => {
        started = true;
        throw new Error('must not start');
      },
    );
    expect(target).toMatchObject({
      url: 'postgres://app:secret@db.internal:5432/feisutong',
      origin: 'given',
    });
    expect(started).toBe(false);
  });

  it('starts a real embedded PostgreSQL under the data folder when no URL is given, and reuses it', async () => {
    const folder = await makeTempDir('dburl');
    const port = await freePort();
    try {
      const settings = { FEISUTONG_DATA_DIR: folder.path, EMBEDDED_POSTGRES_PORT: port };
      const first = await resolveDatabaseUrl(settings);
      expect(first.origin).toBe('embedded');
      expect(first.url).toContain(`127.0.0.1:${port}`);
      const sql = postgres(first.url, { max: 1 });
      await sql`create table kept (id int)`;
      const [row] = await sql`select current_setting('server_version_num')::int as version`;
      expect(row!.version).toBeGreaterThanOrEqual(180000);
      await sql.end();
      await first.stop();

      // Persistent: the second start finds the same cluster, password and table.
      const second = await resolveDatabaseUrl(settings);
      expect(second.url).toBe(first.url);
      const again = postgres(second.url, { max: 1 });
      expect(await again`select count(*)::int as n from kept`).toEqual([{ n: 0 }]);
      await again.end();
      await second.stop();
    } finally {
      await folder.remove();
    }
  });

  it('points the same server at another database', () => {
    expect(withDatabaseName('postgres://u:p@127.0.0.1:5432/postgres', 'test_1')).toBe(
      'postgres://u:p@127.0.0.1:5432/test_1',
    );
  });
});
