import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index.js';
import { createLogger } from '../../system/logger.js';
import { queryValuesStayInTheWorker } from '../../system/worker.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** Someone's ID card number (身份证号) and mobile number, as a failed write would carry them. */
const idNumber = '11010519491231002X';
const phone = '13912345678';

/**
 * A database write that fails carries the values it tried to write: drizzle puts them in its error's
 * message ("params: …") and `.params`, postgres.js in `.parameters`, PostgreSQL in `detail`. Real
 * failures against the real database, logged by the production logger and reported by the worker,
 * must show what failed and where, but not the values.
 */
describe('no query values in logged errors', () => {
  let database: TestDatabase;
  const failures: [string, unknown][] = [];

  async function failedWrite(what: string, write: () => Promise<unknown>): Promise<void> {
    const error = await write().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error, what).toBeInstanceOf(DrizzleQueryError);
    expect(inspect(error, { depth: 5 }), `${what} carries the values before it is cleaned`).toContain(
      idNumber,
    );
    failures.push([what, error]);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const account = (username: string, unitId: string | null) => ({
      username,
      displayName: phone,
      role: 'clerk' as const,
      unitId,
      idNumber,
      passwordHash: 'x',
    });
    await failedWrite('a foreign key violation', () => db.insert(users).values(account('fk', randomUUID())));
    await db.insert(users).values(account(idNumber, null));
    // The duplicate key is the ID number itself: PostgreSQL repeats it in the error's detail.
    await failedWrite('a unique violation', () => db.insert(users).values(account(idNumber, null)));
    // Not a UUID: PostgreSQL quotes the value in the message itself.
    await failedWrite('a data exception', () => db.insert(users).values(account('bad-unit', idNumber)));
  });
  afterAll(() => database?.drop());

  it('logs the type, the message without params, the code and the stack, and no values', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    for (const [what, error] of failures) logger.child({ requestId: what }).error({ err: error }, what);
    const log = lines.join('');
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain(phone);
    const [foreignKey, unique, dataException] = lines.map(
      (line) => JSON.parse(line).err as Record<string, unknown> & { cause: Record<string, unknown> },
    );
    expect(foreignKey).toMatchObject({ type: 'DrizzleQueryError' });
    expect(foreignKey!.message).toMatch(/^Failed query: insert into "users"/);
    expect(foreignKey!.stack).toMatch(/^DrizzleQueryError: Failed query: insert into "users".*\n\s+at /);
    expect(foreignKey!.cause).toMatchObject({
      type: 'PostgresError',
      code: '23503',
      constraint_name: 'users_unit_id_units_id_fk',
    });
    expect(unique!.cause).toMatchObject({ code: '23505', constraint_name: 'users_username_unique' });
    expect(dataException!.cause).toMatchObject({ code: '22P02' });
    expect(dataException!.cause.message).toContain('invalid input syntax for type uuid');
  });

  it('keeps the values out of what the worker reports of a failed activity', async () => {
    const input = { args: [], headers: {} };
    for (const [what, error] of failures) {
      const reported = await queryValuesStayInTheWorker.execute!(input, () => Promise.reject(error)).catch(
        (thrown: unknown) => thrown,
      );
      expect(reported, what).toBeInstanceOf(Error);
      // What Temporal's logger prints and what its failure converter sends to the workflow history.
      const seen = `${inspect(reported, { depth: 5 })} ${JSON.stringify(reported)} ${(reported as Error).stack}`;
      expect(seen, what).not.toContain(idNumber);
      expect((reported as Error).name).toBe('DrizzleQueryError');
      expect((reported as Error).cause).toBeInstanceOf(Error);
    }
    // A refusal the activity chose stays the refusal it is (non-retryable), only cleaned.
    const refusal = ApplicationFailure.create({
      message: 'could not record the party',
      type: 'party_not_recorded',
      nonRetryable: true,
      cause: failures[0]![1] as Error,
    });
    const reported = await queryValuesStayInTheWorker.execute!(input, () => Promise.reject(refusal)).catch(
      (thrown: unknown) => thrown,
    );
    expect(reported).toBe(refusal);
    expect(refusal.nonRetryable).toBe(true);
    expect(inspect(refusal, { depth: 5 })).not.toContain(idNumber);
    // Errors that carry no query values pass through untouched.
    const plain = new Error('callback refused: 503');
    await expect(queryValuesStayInTheWorker.execute!(input, () => Promise.reject(plain))).rejects.toBe(plain);
  });
});
