import { describe, expect, it } from 'vitest';
import { createLoginThrottle, type LoginThrottleKey } from '../../api/auth/login-throttle.js';

const keys = (username: string, address = '10.0.0.1'): LoginThrottleKey[] => [
  { kind: 'username', value: username },
  { kind: 'address', value: address },
];

describe('the failed-login window', () => {
  it('lets a username try again once its oldest counted failure is 15 minutes old', async () => {
    let now = Date.parse('2026-11-20T01:00:00Z');
    const throttle = createLoginThrottle({}, () => now);
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
    const throttle = createLoginThrottle({ perUsername: 2 }, () => now);
    await throttle.begin(keys('li'));
    const second = await throttle.begin(keys('li'));
    expect((await throttle.begin(keys('li'))).retryAfterSeconds).toBeGreaterThan(0);
    // The second attempt turns out to have succeeded: the username's slate is clean.
    await throttle.succeeded(second.attempt);
    expect((await throttle.begin(keys('li'))).retryAfterSeconds).toBe(0);
  });

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
