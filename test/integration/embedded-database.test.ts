import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { resolveDatabaseUrl } from '../../db/database-url.js';
import { freePort } from '../helpers/ports.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('the embedded PostgreSQL behind an unset DATABASE_URL', () => {
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
});
