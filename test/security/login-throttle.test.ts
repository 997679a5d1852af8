import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '../../db/client.js';
import { loginFailures } from '../../db/schema/index.js';
import { createDatabaseLoginThrottle } from '../../use-cases/auth/database-login-throttle.js';
import {
  createLoginThrottle,
  type LoginThrottle,
  type LoginThrottleLimits,
  loginThrottleKeys,
} from '../../use-cases/auth/login-throttle.js';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { createStaff, createUnit } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const keys = (username: string, address = '10.0.0.1') => loginThrottleKeys(username, address);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

type MakeThrottle = (limits: Partial<LoginThrottleLimits>, clock: () => number) => LoginThrottle;
const implementations: [string, MakeThrottle][] = [
  ['in this process’s memory', (limits, clock) => createLoginThrottle(limits, clock)],
  ['in PostgreSQL', (limits, clock) => createDatabaseLoginThrottle(database.db, limits, clock)],
];

describe.each(implementations)('the failed-login window, counted %s', (_where, makeThrottle) => {
  beforeEach(async () => {
    await database.db.delete(loginFailures);
  });

  it('lets a username try again from an address once its oldest failure there is 15 minutes old', async () => {
    let now = Date.parse('2026-11-20T01:00:00Z');
    const throttle = makeThrottle({}, () => now);
    for (let i = 0; i < 5; i++) {
      expect((await throttle.begin(keys('wang'))).retryAfterSeconds).toBe(0);
      now += 60_000;
    }
    // Failures at 0, 1, 2, 3, 4 minutes; now is minute 5: the first leaves the window at minute 15.
    expect((await throttle.begin(keys('wang'))).retryAfterSeconds).toBe(600);
    now += 600_000 - 1000;
    expect((await throttle.begin(keys('wang'))).retryAfterSeconds).toBe(1);
    now += 1000;
    expect((await throttle.begin(keys('wang'))).retryAfterSeconds).toBe(0);
    expect((await throttle.begin(keys('wang'))).retryAfterSeconds).toBe(60);
  });

  it('does not count refused attempts, and forgives a success', async () => {
    const now = Date.parse('2026-11-20T01:00:00Z');
    const throttle = makeThrottle({ perPair: 2 }, () => now);
    await throttle.begin(keys('li'));
    const second = await throttle.begin(keys('li'));
    expect((await throttle.begin(keys('li'))).retryAfterSeconds).toBeGreaterThan(0);
    // The second attempt turns out to have succeeded: the slate of this username here is clean.
    await throttle.succeeded(second.attempt);
    expect((await throttle.begin(keys('li'))).retryAfterSeconds).toBe(0);
  });

  it('forgives only the successful attempt on its address, not a neighbour’s failures', async () => {
    let now = Date.parse('2026-11-20T01:00:00Z');
    const throttle = makeThrottle({ perAddress: 2 }, () => now);
    await throttle.begin(keys('zhou', '10.7.7.7'));
    now += 1000;
    const colleague = await throttle.begin(keys('sun', '10.7.7.7'));
    expect((await throttle.begin(keys('qian', '10.7.7.7'))).retryAfterSeconds).toBe(899);
    await throttle.succeeded(colleague.attempt);
    expect((await throttle.begin(keys('qian', '10.7.7.7'))).retryAfterSeconds).toBe(0);
    expect((await throttle.begin(keys('wu', '10.7.7.7'))).retryAfterSeconds).toBe(899);
  });

  it('stops a stranger guessing from one address there, and lets the owner in from another', async () => {
    let now = Date.parse('2026-11-20T01:00:00Z');
    const throttle = makeThrottle({}, () => now);
    const answers: number[] = [];
    for (let i = 0; i < 50; i++) {
      answers.push((await throttle.begin(keys('clerk', '203.0.113.66'))).retryAfterSeconds);
      now += 1000;
    }
    // Five guesses counted; the other 45 refused, uncounted.
    expect(answers.filter((wait) => wait === 0)).toHaveLength(5);
    expect(answers.slice(5).filter((wait) => !(wait > 0))).toEqual([]);
    const owner = await throttle.begin(keys('clerk', '10.8.0.15'));
    expect(owner.retryAfterSeconds).toBe(0);
    await throttle.succeeded(owner.attempt);
    // The stranger's pair is still stopped, whatever password comes next.
    expect((await throttle.begin(keys('clerk', '203.0.113.66'))).retryAfterSeconds).toBeGreaterThan(800);
  });

  it('slows guessing spread over many addresses with a doubling back-off, never a hard lock', async () => {
    let now = Date.parse('2026-11-20T01:00:00Z');
    const throttle = makeThrottle({ perAccount: 20 }, () => now);
    // Twenty guesses at once from twenty addresses: each address and pair has one failure only.
    for (let i = 0; i < 20; i++)
      expect((await throttle.begin(keys('director', `198.51.100.${i}`))).retryAfterSeconds).toBe(0);
    const waits: number[] = [];
    for (let i = 0; waits.length < 12; i++) {
      const { retryAfterSeconds } = await throttle.begin(keys('director', `192.0.2.${i}`));
      if (retryAfterSeconds === 0) continue;
      waits.push(retryAfterSeconds);
      now += retryAfterSeconds * 1000;
    }
    // 1 s after the 20th failure, then 2, 4 … seconds after each further one; at most 5 minutes.
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
    // An hour after the burst the account's count has run out of its window: no wait at all.
    now += 60 * 60 * 1000;
    expect((await throttle.begin(keys('director', '192.0.2.200'))).retryAfterSeconds).toBe(0);
  });
});

describe('the failed-login window in this process’s memory', () => {
  it('counts addresses separately from usernames, and keeps memory bounded', async () => {
    const now = Date.parse('2026-11-20T01:00:00Z');
    const throttle = createLoginThrottle({ perAddress: 3, maxKeys: 10 }, () => now);
    for (let i = 0; i < 3; i++) await throttle.begin(keys(`spray-${i}`, '10.9.9.9'));
    expect((await throttle.begin(keys('zhao', '10.9.9.9'))).retryAfterSeconds).toBe(900);
    expect((await throttle.begin(keys('zhao', '10.9.9.8'))).retryAfterSeconds).toBe(0);
    for (let i = 0; i < 100; i++) await throttle.begin(keys(`flood-${i}`, `10.1.${i}.1`));
    // Old keys were dropped to stay within maxKeys (the address above included).
    expect((await throttle.begin(keys('zhao', '10.9.9.9'))).retryAfterSeconds).toBe(0);
  });
});

describe('the failed-login window shared by every API copy', () => {
  let otherCopy: DatabaseConnection;
  beforeAll(() => {
    // A second pool of its own, as a second API process would have.
    otherCopy = connectDatabase(database.url);
  });
  afterAll(() => otherCopy?.close());

  it('lets through no more than the limit of a burst of parallel guesses spread over two copies', async () => {
    const copies = [createDatabaseLoginThrottle(database.db), createDatabaseLoginThrottle(otherCopy.db)];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => copies[i % 2]!.begin(keys('burst-target', '10.3.0.1'))),
    );
    expect(answers.filter((answer) => answer.retryAfterSeconds === 0)).toHaveLength(5);
    // From many addresses against one account, the account's limit holds the same way (one instant:
    // past the limit its back-off refuses the rest).
    const instant = Date.now();
    const spread = [database.db, otherCopy.db].map((db) =>
      createDatabaseLoginThrottle(db, {}, () => instant),
    );
    const guesses = await Promise.all(
      Array.from({ length: 130 }, (_, i) =>
        spread[i % 2]!.begin(keys('spread-target', `10.6.${i >> 8}.${i & 255}`)),
      ),
    );
    expect(guesses.filter((answer) => answer.retryAfterSeconds === 0)).toHaveLength(100);
    // From one address against many usernames, the address limit holds the same way.
    const spray = await Promise.all(
      Array.from({ length: 30 }, (_, i) => copies[i % 2]!.begin(keys(`sprayed-${i}`, '10.4.4.4'))),
    );
    expect(spray.filter((answer) => answer.retryAfterSeconds === 0)).toHaveLength(20);
  });

  it('clears out expired failures of keys nobody tries again', async () => {
    const now = Date.now();
    await database.db.insert(loginFailures).values([
      { key: 'account:forgotten', failedAt: new Date(now - 61 * 60_000) },
      { key: 'account:recent', failedAt: new Date(now - 59 * 60_000) },
    ]);
    await createDatabaseLoginThrottle(otherCopy.db).begin(keys('someone-else', '10.5.5.5'));
    const left = (await database.db.select().from(loginFailures)).map((row) => row.key);
    expect(left).not.toContain('account:forgotten');
    expect(left).toContain('account:recent');
  });

  it('counts failed logins against two separately created apps together', async () => {
    const db = database.db;
    const clerk = await createStaff(db, 'clerk', (await createUnit(db, '节流测试中心')).id);
    const appOn = (connection: DatabaseConnection) => createAppWithoutTemporal(connection);
    const apps = [appOn(database), appOn(otherCopy)];
    const logIn = (copy: number, password: string) =>
      apps[copy]!.request('/v1/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: clerk.username, password }),
      });

    // Three wrong guesses at the first copy and two at the second: five for the username.
    for (const copy of [0, 0, 0, 1, 1]) expect((await logIn(copy, `guess-${copy}`)).status).toBe(401);
    for (const copy of [0, 1]) {
      const refused = await logIn(copy, clerk.password);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The rows are kept under a hash: a password typed into the username box is not stored.
    const stored = await db.select().from(loginFailures);
    expect(stored.some((row) => row.key.includes(clerk.username))).toBe(false);
  });
});
