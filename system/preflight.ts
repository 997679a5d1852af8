import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import postgres from 'postgres';
import { StartupError } from './startup-error.js';

function errorCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** PostgreSQL at `url` answers; otherwise one line naming the server and what to do. */
export async function checkDatabase(url: string, origin: 'given' | 'embedded'): Promise<void> {
  const probe = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await probe`select 1`;
  } catch (error) {
    const code = errorCode(error);
    const where = `PostgreSQL at ${hostOf(url)}${origin === 'given' ? ' (DATABASE_URL)' : ' (embedded)'}`;
    if (code === '28P01' || code === '28000')
      throw new StartupError(`${where} refused the user name or password; correct DATABASE_URL`, {
        cause: error,
      });
    if (code === '3D000')
      throw new StartupError(`${where} has no such database; create it or correct DATABASE_URL`, {
        cause: error,
      });
    throw new StartupError(
      `${where} is not reachable (${code}); start it or correct ${origin === 'given' ? 'DATABASE_URL' : 'EMBEDDED_POSTGRES_PORT'}`,
      { cause: error },
    );
  } finally {
    await probe.end({ timeout: 1 }).catch(() => undefined);
  }
}

/** Temporal at `address` answers and has the namespace; otherwise one line naming what to do. */
export async function checkTemporal(address: string, namespace: string): Promise<void> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: 5_000 });
  } catch (error) {
    throw new StartupError(
      `Temporal at ${address} (TEMPORAL_ADDRESS) is not reachable (${errorCode(error)}); start it or correct TEMPORAL_ADDRESS`,
      { cause: error },
    );
  }
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    const notFound = (error as { code?: number }).code === 5;
    throw new StartupError(
      notFound
        ? `Temporal at ${address} has no namespace "${namespace}"; register it or correct TEMPORAL_NAMESPACE`
        : `Temporal at ${address} (TEMPORAL_ADDRESS) does not answer (${errorCode(error)}); start it or correct TEMPORAL_ADDRESS`,
      { cause: error },
    );
  } finally {
    await connection.close();
  }
}

const identityKey = 'feisutong-data-folder';

/** This data folder's identity, made once: the dev server it starts is marked with it. */
async function dataFolderIdentity(dataDir: string): Promise<string> {
  const file = join(dataDir, 'instance-id');
  const existing = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => '',
  );
  if (existing) return existing;
  const identity = randomUUID();
  await writeFile(file, `${identity}\n`, { mode: 0o644 });
  return identity;
}

/**
 * The dev server at `address` is this data folder's own: its namespace carries the folder's identity
 * (set on the first start). A server marked by another folder — another instance's dev server on the
 * same port — is refused rather than attached to, so this worker never runs another instance's cases.
 */
export async function claimDevServer(
  address: string,
  namespace: string,
  dataDir: string,
  portVariable = 'TEMPORAL_DEV_PORT',
): Promise<void> {
  const identity = await dataFolderIdentity(dataDir);
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    const described = await connection.workflowService.describeNamespace({ namespace });
    const marked = described.namespaceInfo?.data?.[identityKey];
    if (marked === identity) return;
    if (marked) {
      throw new StartupError(
        `the Temporal dev server on ${address} belongs to another feisutong data folder; set ${portVariable} (and TEMPORAL_UI_PORT) to free ports`,
      );
    }
    await connection.workflowService.updateNamespace({
      namespace,
      updateInfo: { data: { [identityKey]: identity } },
    });
  } finally {
    await connection.close();
  }
}
