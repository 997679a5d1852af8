import { condition } from '@temporalio/workflow';

/**
 * Benchmark probe (npm run bench): sleeps on the same durable-timer mechanism the case deadlines use
 * (`condition` with a timeout) until `dueAtMs`, and returns how late it woke, in milliseconds of
 * workflow time. Not used by any case.
 */
export async function timerProbeWorkflow(dueAtMs: number): Promise<number> {
  const wait = dueAtMs - Date.now();
  if (wait > 0) await condition(() => false, wait);
  return Date.now() - dueAtMs;
}
