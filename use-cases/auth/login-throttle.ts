/**
 * Failed-login limits, counted per key in sliding windows:
 *
 * - per account *and* client address (`pair`): 5 in 15 minutes. A person mistyping is stopped where
 *   they type, and a stranger guessing from one address is stopped there, without locking the account
 *   for its owner anywhere else;
 * - per client address (`address`): 20 in 15 minutes, whatever the usernames (one address spraying
 *   many accounts). A centre's window staff often share one NAT address, hence more than 5;
 * - per account from everywhere (`account`): 100 in an hour, then not a lock but a back-off that doubles
 *   with every further failure (1 s, 2 s, 4 s … at most 5 minutes after the latest one). Guessing spread
 *   over many addresses slows to a crawl, and the owner waits minutes at worst, never a hard lock.
 *
 * Past a limit, every attempt (right password or not) is refused with a Retry-After and not counted. A
 * username that does not exist is counted exactly like one that does, so the answer reveals nothing
 * about which usernames exist. An attempt is counted before the password is checked and forgiven when it
 * succeeds, so a burst of parallel guesses cannot all slip through while the first ones are being hashed.
 *
 * The API counts in PostgreSQL (use-cases/auth/database-login-throttle.ts), so that every API copy behind a
 * load balancer shares the limits. This implementation keeps its counts in this process's memory (each
 * copy would count on its own); unit tests and a caller that passes it explicitly use it.
 */
export interface LoginThrottle {
  /** Count an attempt for these keys; `retryAfterSeconds` > 0 means it is refused and not counted. */
  begin(keys: readonly LoginThrottleKey[]): Promise<{ retryAfterSeconds: number; attempt: LoginAttempt }>;
  /** The attempt succeeded: it does not count, and the pair's earlier failures are forgotten. */
  succeeded(attempt: LoginAttempt): Promise<void>;
}

export interface LoginThrottleKey {
  kind: 'pair' | 'account' | 'address';
  value: string;
}

export interface LoginAttempt {
  keys: readonly LoginThrottleKey[];
  at: number;
}

export interface LoginThrottleLimits {
  perPair: number;
  perAddress: number;
  windowSeconds: number;
  perAccount: number;
  accountWindowSeconds: number;
  /** The longest the per-account back-off makes anyone wait after the latest failure. */
  accountBackoffMaxSeconds: number;
  /** Keys tracked at most; beyond it the oldest are dropped (bounds memory under a spray of usernames). */
  maxKeys: number;
}

export const defaultLoginLimits: LoginThrottleLimits = {
  perPair: 5,
  perAddress: 20,
  windowSeconds: 15 * 60,
  perAccount: 100,
  accountWindowSeconds: 60 * 60,
  accountBackoffMaxSeconds: 5 * 60,
  maxKeys: 100_000,
};

/** The keys one login attempt is counted under. */
export function loginThrottleKeys(username: string, clientAddress: string): LoginThrottleKey[] {
  return [
    { kind: 'pair', value: JSON.stringify([username, clientAddress]) },
    { kind: 'account', value: username },
    { kind: 'address', value: clientAddress },
  ];
}

export interface KeyRule {
  limit: number;
  windowMs: number;
  /** Past the limit, wait this long at most after the latest failure (doubling per failure); else a window. */
  backoffMaxMs?: number;
}

export function keyRules(limits: Partial<LoginThrottleLimits>): Record<LoginThrottleKey['kind'], KeyRule> {
  const l = { ...defaultLoginLimits, ...limits };
  return {
    pair: { limit: l.perPair, windowMs: l.windowSeconds * 1000 },
    address: { limit: l.perAddress, windowMs: l.windowSeconds * 1000 },
    account: {
      limit: l.perAccount,
      windowMs: l.accountWindowSeconds * 1000,
      backoffMaxMs: l.accountBackoffMaxSeconds * 1000,
    },
  };
}

/**
 * How long a key makes the next attempt wait, from its failures inside the window (newest first). A
 * window: until the limit-th newest failure leaves it. A back-off: 1 s after the latest failure at the
 * limit, doubling with each failure beyond it, at most `backoffMaxMs`.
 */
export function waitMs(rule: KeyRule, newestFirst: readonly number[], now: number): number {
  if (newestFirst.length < rule.limit) return 0;
  if (rule.backoffMaxMs === undefined) return newestFirst[rule.limit - 1]! + rule.windowMs - now;
  const delay = Math.min(1000 * 2 ** (newestFirst.length - rule.limit), rule.backoffMaxMs);
  return newestFirst[0]! + delay - now;
}

export function createLoginThrottle(
  limits: Partial<LoginThrottleLimits> = {},
  clock: () => number = Date.now,
): LoginThrottle {
  const rules = keyRules(limits);
  const maxKeys = limits.maxKeys ?? defaultLoginLimits.maxKeys;
  /** Failure times per key, oldest first. */
  const failures = new Map<string, number[]>();
  const id = (key: LoginThrottleKey) => `${key.kind}:${key.value}`;

  function recent(name: string, rule: KeyRule, now: number): number[] {
    const times = (failures.get(name) ?? []).filter((t) => t > now - rule.windowMs);
    if (times.length === 0) failures.delete(name);
    else failures.set(name, times);
    return times;
  }

  /** Expired keys go first; then the oldest tracked. */
  function makeRoom(now: number): void {
    if (failures.size < maxKeys) return;
    for (const name of [...failures.keys()]) {
      const kind = name.slice(0, name.indexOf(':')) as LoginThrottleKey['kind'];
      recent(name, rules[kind], now);
    }
    for (const name of failures.keys()) {
      if (failures.size < maxKeys) break;
      failures.delete(name);
    }
  }

  return {
    async begin(keys) {
      const now = clock();
      let wait = 0;
      for (const key of keys) {
        const times = recent(id(key), rules[key.kind], now);
        wait = Math.max(wait, waitMs(rules[key.kind], [...times].reverse(), now));
      }
      const attempt = { keys, at: now };
      if (wait > 0) return { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)), attempt };
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
        if (key.kind === 'pair') {
          failures.delete(name);
          continue;
        }
        // Only this attempt's own count: failures by others on the address or the account stay.
        const times = failures.get(name) ?? [];
        const index = times.lastIndexOf(attempt.at);
        if (index >= 0) times.splice(index, 1);
        if (times.length === 0) failures.delete(name);
      }
    },
  };
}
