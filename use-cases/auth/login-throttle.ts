/**
 * Failed-login limits: at most `perUsername` failed attempts per username and `perAddress` per client
 * address in a sliding window; past that, every attempt (right password or not) is refused with a
 * Retry-After until the oldest failure leaves the window. A username that does not exist is counted
 * exactly like one that does, so the answer reveals nothing about which usernames exist.
 *
 * An attempt is counted before the password is checked and forgiven when it succeeds, so a burst of
 * parallel guesses cannot all slip through while the first ones are still being hashed.
 *
 * The API counts in PostgreSQL (use-cases/auth/database-login-throttle.ts), so that every API copy behind a
 * load balancer shares the limits. This implementation keeps its counts in this process's memory (each
 * copy would count on its own); unit tests and a caller that passes it explicitly use it.
 */
export interface LoginThrottle {
  /** Count an attempt for these keys; `retryAfterSeconds` > 0 means it is refused and not counted. */
  begin(keys: readonly LoginThrottleKey[]): Promise<{ retryAfterSeconds: number; attempt: LoginAttempt }>;
  /** The attempt succeeded: it does not count, and the username's earlier failures are forgotten. */
  succeeded(attempt: LoginAttempt): Promise<void>;
}

export interface LoginThrottleKey {
  kind: 'username' | 'address';
  value: string;
}

export interface LoginAttempt {
  keys: readonly LoginThrottleKey[];
  at: number;
}

export interface LoginThrottleLimits {
  perUsername: number;
  perAddress: number;
  windowSeconds: number;
  /** Keys tracked at most; beyond it the oldest are dropped (bounds memory under a spray of usernames). */
  maxKeys: number;
}

/**
 * 5 per username (a person mistyping), 20 per address: a centre's window staff often share one NAT
 * address, and 5 for all of them together would lock a whole office out after a few typos.
 */
export const defaultLoginLimits: LoginThrottleLimits = {
  perUsername: 5,
  perAddress: 20,
  windowSeconds: 15 * 60,
  maxKeys: 100_000,
};

export function createLoginThrottle(
  limits: Partial<LoginThrottleLimits> = {},
  clock: () => number = Date.now,
): LoginThrottle {
  const { perUsername, perAddress, windowSeconds, maxKeys } = { ...defaultLoginLimits, ...limits };
  const windowMs = windowSeconds * 1000;
  /** Failure times per key, oldest first. */
  const failures = new Map<string, number[]>();
  const id = (key: LoginThrottleKey) => `${key.kind}:${key.value}`;
  const limitOf = (key: LoginThrottleKey) => (key.kind === 'username' ? perUsername : perAddress);

  function recent(name: string, now: number): number[] {
    const times = (failures.get(name) ?? []).filter((t) => t > now - windowMs);
    if (times.length === 0) failures.delete(name);
    else failures.set(name, times);
    return times;
  }

  function makeRoom(now: number): void {
    if (failures.size < maxKeys) return;
    for (const name of [...failures.keys()]) recent(name, now);
    for (const name of failures.keys()) {
      if (failures.size < maxKeys) break;
      failures.delete(name);
    }
  }

  return {
    async begin(keys) {
      const now = clock();
      let waitMs = 0;
      for (const key of keys) {
        const times = recent(id(key), now);
        const limit = limitOf(key);
        if (times.length >= limit) waitMs = Math.max(waitMs, times[times.length - limit]! + windowMs - now);
      }
      const attempt = { keys, at: now };
      if (waitMs > 0) return { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), attempt };
      for (const key of keys) {
        const name = id(key);
        if (!failures.has(name)) makeRoom(now);
        failures.set(name, [...(failures.get(name) ?? []), now]);
      }
      return { retryAfterSeconds: 0, attempt };
    },
    async succeeded(attempt) {
      for (const key of attempt.keys) {
        const name = id(key);
        if (key.kind === 'username') {
          failures.delete(name);
          continue;
        }
        const times = failures.get(name) ?? [];
        const index = times.lastIndexOf(attempt.at);
        if (index >= 0) times.splice(index, 1);
        if (times.length === 0) failures.delete(name);
      }
    },
  };
}
