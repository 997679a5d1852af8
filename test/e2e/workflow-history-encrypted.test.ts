import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readEnvironment } from '../../config/env.js';
import { resolveTemporalCli } from '../../config/temporal-binaries.js';
import { caseWorkflowId } from '../../workflows/case.messages.js';
import { startApiWithoutWorker } from '../helpers/api-only.js';
import { caseApi } from '../helpers/case-api.js';
import { testDataConverter } from '../helpers/payload-keys.js';
import { freePort } from '../helpers/ports.js';
import {
  killStartedProcesses,
  startTemporalDevServerProcess,
  startWorkerProcess,
} from '../helpers/processes.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import type { TestSystem } from '../helpers/test-system.js';

const idNumber = '150702198805176629';
const phone = '13947001234';
const address = '呼伦贝尔市海拉尔区胜利大街17号';
const dispute = {
  source: 'walk_in',
  summary: '楼上漏水导致楼下天花板受损，双方就赔偿金额协商不成',
  parties: [
    { kind: 'person', name: '乌云其其格', role: 'applicant', idType: 'resident_id', idNumber, address },
    { kind: 'person', name: '李强', role: 'respondent', phone },
  ],
};

/**
 * Every byte of a raw (undecoded) history as text, the way the Temporal UI or a dump shows it. Walked by
 * hand: JSON.stringify would turn the Buffers into arrays of numbers before a replacer sees them.
 */
function historyText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(historyText).join('\n');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, child]) => `${key}: ${historyText(child)}`)
      .join('\n');
  }
  return String(value);
}

function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return found;
  if ('payloads' in value && Array.isArray(value.payloads)) found.push(...(value.payloads as Payload[]));
  for (const child of Object.values(value)) payloadsIn(child, found);
  return found;
}

describe('personal data never sits in clear in Temporal: payloads are encrypted by the client and the worker', () => {
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  let dbFilename: string;
  let database: TestDatabase;
  let api: TestSystem;
  let clerk: TestUser;
  let temporalAddress: string;
  const taskQueue = `encrypted-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    const cli = resolveTemporalCli({ ...readEnvironment(), PATH: process.env.PATH }).path;
    if (!cli) throw new Error('run `npm run setup` first: the Temporal CLI is not in the cache');
    folder = await makeTempDir('encrypted-history');
    dbFilename = join(folder.path, 'temporal.sqlite');
    const port = await freePort();
    temporalAddress = `127.0.0.1:${port}`;
    [, database] = await Promise.all([
      startTemporalDevServerProcess({ cli, port, dbFilename }),
      createTestDatabase(),
    ]);
    clerk = await createStaff(database.db, 'clerk', (await createUnit(database.db)).id);
    // The worker as production runs it (bin/worker.ts, keys from PAYLOAD_ENCRYPTION_KEYS), the API's client
    // with the same keys.
    await startWorkerProcess({
      temporalAddress,
      taskQueue,
      databaseUrl: database.url,
      workflowBundlePath: inject('workflowBundlePath'),
    });
    api = await startApiWithoutWorker({ database, temporalAddress: temporalAddress, taskQueue });
  });

  afterAll(async () => {
    await killStartedProcesses();
    await api?.stop();
    await database?.drop();
    await folder?.remove();
  });

  it('registers and triages a case whose history and SQLite file hold no ID number, phone, name or address', async () => {
    const cases = caseApi(api);
    const registered = await cases.register(clerk.token, dispute);
    await cases.transition(clerk.token, registered.caseNumber, 'triage', {
      triageClass: 'general',
      category: 'neighbour',
    });
    // The read model (written by the worker from decrypted activity input) has the parties in full.
    const read = await cases.read(clerk.token, registered.caseNumber);
    expect(JSON.stringify(read.parties)).toContain('乌云其其格');

    const workflowId = caseWorkflowId(registered.caseNumber);
    const { history } = await api.temporal.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
    });
    const raw = historyText(history);
    expect(history?.events?.length).toBeGreaterThan(5);
    for (const secret of [idNumber, phone, address, '乌云其其格', '李强', '150702'])
      expect(raw).not.toContain(secret);

    // Every payload in the history is ours, and decrypting them with the key gives the parties back:
    // the data is there, only unreadable without the key.
    // Patch markers (patched()) are written by the SDK's core, not through the data converter: they
    // carry a patch id and nothing of the case, and the raw check above covers them.
    const events = history?.events ?? [];
    const isPatchMarker = (event: (typeof events)[number]) =>
      event.markerRecordedEventAttributes?.markerName === 'core_patch';
    const payloads = payloadsIn(events.filter((event) => !isPatchMarker(event)));
    expect(payloads.length).toBeGreaterThan(3);
    for (const payload of payloads) {
      expect(Buffer.from(payload.metadata!.encoding!).toString()).toBe('binary/encrypted');
      expect(Buffer.from(payload.metadata!['encryption-key-id']!).toString()).toBe('test-1');
    }
    const decoded = historyText(await testDataConverter.payloadCodecs![0]!.decode(payloads));
    expect(decoded).toContain(idNumber);
    expect(decoded).toContain(phone);

    // What the server wrote to disk: the SQLite file and its write-ahead log.
    const onDisk = Buffer.concat(
      await Promise.all(
        [dbFilename, `${dbFilename}-wal`].map((file) => readFile(file).catch(() => Buffer.alloc(0))),
      ),
    );
    expect(onDisk.includes(workflowId)).toBe(true); // the grep finds what is there in clear
    for (const secret of [idNumber, phone, address, '乌云其其格'])
      expect(onDisk.includes(secret)).toBe(false);
  });
});
