/**
 * Stale-while-revalidate for results that are slow to compute and may be a little old: a result is
 * kept only when `keep(value)` says it was expensive; a kept result younger than `refreshAfterMs` is
 * served as it is, one younger than `maxAgeMs` is served while a single background computation replaces
 * it, and an older one is computed again before answering. Process-local and bounded (oldest entry out).
 */
export interface SnapshotPolicy<T> {
  refreshAfterMs: number;
  maxAgeMs: number;
  maxEntries: number;
  /** Whether a freshly computed value is worth keeping (it was expensive to compute). */
  keep: (value: T) => boolean;
  now?: () => number;
}

export interface Served<T> {
  value: T;
  /** When the value was computed (ms since the epoch). */
  computedAt: number;
  /** True when the value came from a kept snapshot rather than a computation for this request. */
  fromSnapshot: boolean;
}

interface Entry<T> {
  value: T;
  computedAt: number;
  refreshing?: Promise<void> | undefined;
}

export class SnapshotCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly now: () => number;

  constructor(private readonly policy: SnapshotPolicy<T>) {
    this.now = policy.now ?? Date.now;
  }

  /**
   * The value for `key`, computed by `compute` when there is no snapshot to serve. If this call starts a
   * background refresh and it fails, `onRefreshError` hears of it; the old value stays until too old.
   */
  async get(
    key: string,
    compute: () => Promise<T>,
    onRefreshError?: (error: unknown) => void,
  ): Promise<Served<T>> {
    const entry = this.entries.get(key);
    const now = this.now();
    if (entry && now - entry.computedAt < this.policy.maxAgeMs) {
      if (now - entry.computedAt >= this.policy.refreshAfterMs && !entry.refreshing) {
        entry.refreshing = this.compute(key, compute).then(
          () => undefined,
          (error: unknown) => {
            entry.refreshing = undefined;
            onRefreshError?.(error);
          },
        );
      }
      return { value: entry.value, computedAt: entry.computedAt, fromSnapshot: true };
    }
    const { value, computedAt } = await this.compute(key, compute);
    return { value, computedAt, fromSnapshot: false };
  }

  /** Waits for background refreshes still running (for an orderly shutdown and for tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => entry.refreshing));
  }

  get size(): number {
    return this.entries.size;
  }

  private async compute(key: string, compute: () => Promise<T>): Promise<Entry<T>> {
    const computedAt = this.now();
    const value = await compute();
    const entry = { value, computedAt };
    this.entries.delete(key);
    if (this.policy.keep(value)) {
      this.entries.set(key, entry);
      if (this.entries.size > this.policy.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return entry;
  }
}
