import { describe, expect, it } from 'vitest';
import { resolveDatabaseUrl, withDatabaseName } from '../../../db/database-url.js';

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

  it('points the same server at another database', () => {
    expect(withDatabaseName('postgres://u:p@127.0.0.1:5432/postgres', 'test_1')).toBe(
      'postgres://u:p@127.0.0.1:5432/test_1',
    );
  });
});
