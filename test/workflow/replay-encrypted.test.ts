import { readFile } from 'node:fs/promises';
import type { Payload } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { EncryptionCodec, newPayloadKey } from '../../lib/payload-encryption.js';
import { encryptingDataConverter } from '../../system/payload-keys.js';
import { testDataConverter } from '../helpers/payload-keys.js';

const folder = new URL('../fixtures/histories/', import.meta.url);

/**
 * Replace every payload in a history that the SDK's codec sees (inputs, results, update arguments,
 * signals, failures). Markers (patches) are written and read by the SDK's core, never through the codec.
 */
async function encodeEveryPayload(value: unknown, encode: (payloads: Payload[]) => Promise<Payload[]>) {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return 0;
  let count = 0;
  const record = value as Record<string, unknown>;
  if ('markerRecordedEventAttributes' in record && record.markerRecordedEventAttributes) return 0;
  if (Array.isArray(record.payloads)) {
    record.payloads = await encode(record.payloads as Payload[]);
    count += (record.payloads as Payload[]).length;
  }
  for (const child of Object.values(record)) count += await encodeEveryPayload(child, encode);
  return count;
}

async function encryptedHistory(file: string) {
  const history = historyFromJSON(JSON.parse(await readFile(new URL(file, folder), 'utf8')));
  const codec = testDataConverter.payloadCodecs![0]!;
  const encoded = await encodeEveryPayload(history, (payloads) => codec.encode(payloads));
  return { history, encoded };
}

/**
 * Histories written with payload encryption replay through the same codec the worker uses: the test key
 * decrypts them. The saved fixtures predate encryption (they replay unchanged: plain payloads pass
 * through the codec); here the same histories are encrypted with the test key first.
 */
describe('encrypted case histories replay with the key that encrypted them', () => {
  it.each([
    'settled-and-archived.json',
    'court-delegated-confirmed.json',
    'settle-rolled-back-then-settled.json',
  ])('replays %s with its payloads encrypted', async (file) => {
    const { history, encoded } = await encryptedHistory(file);
    expect(encoded).toBeGreaterThan(5);
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: inject('workflowBundlePath') },
        dataConverter: testDataConverter,
        replayName: `encrypted-${file}`,
      },
      history,
      `replay-encrypted-${file}`,
    );
  });

  it('cannot replay them without the key', async () => {
    const { history } = await encryptedHistory('settled-and-archived.json');
    const otherKeys = encryptingDataConverter([newPayloadKey('someone-else')]);
    expect(otherKeys.payloadCodecs![0]).toBeInstanceOf(EncryptionCodec);
    await expect(
      Worker.runReplayHistory(
        {
          workflowBundle: { codePath: inject('workflowBundlePath') },
          dataConverter: otherKeys,
          replayName: 'encrypted-without-key',
        },
        history,
        'replay-encrypted-without-key',
      ),
    ).rejects.toThrow(/not configured/);
  });
});
