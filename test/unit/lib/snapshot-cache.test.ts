import { describe, expect, it } from 'vitest';
import { SnapshotCache } from '../../../lib/snapshot-cache.js';

/** A cache over a counter: each computation returns the next number, and the clock moves by hand. */
function setUp(keep: (value: number) => boolean = () => true) {
  const clock = { now: 1_000_000 };
  let computations = 0;
  const errors: unknown[] = [];
  let failNext = false;
  const cache = new SnapshotCache<number>({
    refreshAfterMs: 15_000,
    maxAgeMs: 60_000,
    maxEntries: 2,
    keep,
    now: () => clock.now,
  });
  const compute = async () => {
    if (failNext) {
      failNext = false;
      throw new Error('database gone');
    }
    computations += 1;
    return computations;
  };
  return {
    cache,
    clock,
    errors,
    get: (key = 'k') => cache.get(key, compute, (error) => errors.push(error)),
    computations: () => computations,
    failOnce: () => {
      failNext = true;
    },
  };
}

describe('SnapshotCache (stale-while-revalidate for expensive counts)', () => {
  it('computes on a miss and serves the kept value as it is while it is younger than refreshAfter', async () => {
    const t = setUp();
    expect(await t.get()).toEqual({ value: 1, computedAt: 1_000_000, fromSnapshot: false });
    t.clock.now += 14_999;
    expect(await t.get()).toEqual({ value: 1, computedAt: 1_000_000, fromSnapshot: true });
    await t.cache.settled();
    expect(t.computations()).toBe(1);
  });

  it('serves the old value once past refreshAfter, recounts once in the background, then serves the new one', async () => {
    const t = setUp();
    await t.get();
    t.clock.now += 20_000;
    const [first, second] = await Promise.all([t.get(), t.get()]);
    expect([first.value, second.value]).toEqual([1, 1]);
    await t.cache.settled();
    expect(t.computations()).toBe(2);
    expect(await t.get()).toEqual({ value: 2, computedAt: 1_020_000, fromSnapshot: true });
  });

  it('counts afresh before answering when the snapshot is older than maxAge', async () => {
    const t = setUp();
    await t.get();
    t.clock.now += 60_000;
    expect(await t.get()).toEqual({ value: 2, computedAt: 1_060_000, fromSnapshot: false });
  });

  it('keeps nothing that was cheap: every request computes', async () => {
    const t = setUp(() => false);
    await t.get();
    expect(await t.get()).toMatchObject({ value: 2, fromSnapshot: false });
    expect(t.cache.size).toBe(0);
  });

  it('drops a snapshot whose recount turned out cheap (the scope got small)', async () => {
    const t = setUp((value) => value < 2);
    await t.get();
    t.clock.now += 20_000;
    expect((await t.get()).value).toBe(1);
    await t.cache.settled();
    expect(t.cache.size).toBe(0);
    expect(await t.get()).toMatchObject({ value: 3, fromSnapshot: false });
  });

  it('keeps serving the old value when a background recount fails, reports it, and tries again later', async () => {
    const t = setUp();
    await t.get();
    t.clock.now += 20_000;
    t.failOnce();
    expect((await t.get()).value).toBe(1);
    await t.cache.settled();
    expect(t.errors).toHaveLength(1);
    expect((await t.get()).value).toBe(1);
    await t.cache.settled();
    expect(await t.get()).toMatchObject({ value: 2, fromSnapshot: true });
  });

  it('keeps keys apart and holds at most maxEntries (the oldest goes)', async () => {
    const t = setUp();
    expect((await t.get('a')).value).toBe(1);
    expect((await t.get('b')).value).toBe(2);
    expect((await t.get('c')).value).toBe(3);
    expect(t.cache.size).toBe(2);
    expect(await t.get('b')).toMatchObject({ value: 2, fromSnapshot: true });
    expect(await t.get('a')).toMatchObject({ value: 4, fromSnapshot: false });
  });
});
