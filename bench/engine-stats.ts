import { readdirSync, readFileSync } from 'node:fs';

/** Small helpers the engine benchmarks share: percentiles and a bounded-concurrency loop. */
export function summarise(samples: number[]) {
  if (samples.length === 0) return { count: 0, p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
  return { count: samples.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round(sorted.at(-1)!) };
}

export async function inParallel<T>(
  count: number,
  width: number,
  run: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await run(index);
      }
    }),
  );
  return results;
}

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 102.4) / 10;
}

/** Which part of the system a process is, from its command line (the machine's other processes: null). */
function componentOf(commandLine: string): string | null {
  if (/\bbin\/worker\.ts\b/.test(commandLine)) return 'workers';
  if (/\bbin\/api\.ts\b/.test(commandLine)) return 'apis';
  // The CLI's dev server (`temporal server start-dev …`) or the production server (`…/bin/server … start`).
  if (/\bserver start-dev\b|\/bin\/server .*\bstart$/.test(commandLine)) return 'temporal';
  // The postmaster (`…/bin/postgres -D …`) and its backends (`postgres: …`).
  if (/^postgres:|\/bin\/postgres\s/.test(commandLine)) return 'postgresql';
  return null;
}

/** CPU seconds (user + system) each component's processes have used so far (Linux /proc). */
export function cpuSecondsByComponent(): Record<string, number> {
  const ticksPerSecond = 100;
  const totals: Record<string, number> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      const component = Number(entry) === process.pid ? 'benchmark' : componentOf(commandLine);
      if (!component) continue;
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totals[component] =
        (totals[component] ?? 0) + (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    } catch {
      // The process ended while we read it.
    }
  }
  return totals;
}

/** The CPU each component used between two readings, in core-seconds and as cores busy on average. */
export function cpuUsedBetween(
  before: Record<string, number>,
  after: Record<string, number>,
  wallMs: number,
) {
  const used: Record<string, { cpuSeconds: number; cores: number }> = {};
  for (const [component, seconds] of Object.entries(after)) {
    const cpuSeconds = Math.round((seconds - (before[component] ?? 0)) * 10) / 10;
    used[component] = { cpuSeconds, cores: Math.round((cpuSeconds / (wallMs / 1000)) * 100) / 100 };
  }
  return used;
}
