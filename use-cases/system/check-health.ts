import type { Client } from '@temporalio/client';
import type { DatabaseConnection } from '../../db/client.js';

interface HealthCheck {
  status: 'ok' | 'down';
  detail?: string;
}

async function check(probe: () => Promise<unknown>): Promise<HealthCheck> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000).unref()),
    ]);
    return { status: 'ok' };
  } catch (error) {
    return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether PostgreSQL and Temporal answer within 2 s each; reveals nothing but that. */
export async function checkHealth(deps: { database: DatabaseConnection; temporal: Client }) {
  const [database, temporal] = await Promise.all([
    check(() => deps.database.sql`select 1`),
    check(() => deps.temporal.workflowService.getSystemInfo({})),
  ]);
  const ok = database.status === 'ok' && temporal.status === 'ok';
  return { status: ok ? ('ok' as const) : ('degraded' as const), checks: { database, temporal } };
}
