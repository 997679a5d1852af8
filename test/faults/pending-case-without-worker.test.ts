import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApiWithoutWorker } from '../helpers/api-only.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import type { TestSystem } from '../helpers/test-system.js';

/**
 * No worker is running (crashed, being deployed): a case accepted with `Prefer: respond-async` is held
 * by Temporal but not yet in the read model, and its workflow cannot answer a Query. Reading it must
 * answer 503 problem+json within seconds, not hang.
 */
describe('a case accepted while no worker runs', () => {
  let database: TestDatabase;
  let api: TestSystem;
  let clerk: TestUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApiWithoutWorker({
      database,
      temporalAddress: inject('temporalAddress'),
      taskQueue: `no-worker-${randomBytes(4).toString('hex')}`,
    });
    clerk = await createStaff(database.db, 'clerk', (await createUnit(database.db)).id);
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('is accepted (202), and reading it answers 503 with Retry-After within seconds', async () => {
    const accepted = await api.request('POST', '/v1/cases', {
      credential: clerk.token,
      headers: { prefer: 'respond-async' },
      body: {
        source: 'online',
        summary: '快递丢件赔偿纠纷',
        parties: [{ kind: 'person', name: '吴倩', role: 'applicant' }],
      },
    });
    expect(accepted.status).toBe(202);
    const { caseNumber } = (await accepted.json()) as { caseNumber: string };

    const started = Date.now();
    const read = await api.request('GET', `/v1/cases/${caseNumber}`, { credential: clerk.token });
    const seconds = (Date.now() - started) / 1000;
    expect(read.status).toBe(503);
    expect(read.headers.get('content-type')).toContain('application/problem+json');
    expect(read.headers.get('retry-after')).not.toBeNull();
    expect(seconds).toBeLessThan(15);
  }, 60_000);
});
