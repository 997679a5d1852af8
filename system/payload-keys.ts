import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { ConfigurationError, type Environment } from '../config/env.js';
import {
  EncryptionCodec,
  formatPayloadKeys,
  newPayloadKey,
  type PayloadKey,
  PayloadKeyError,
  parsePayloadKeys,
} from '../lib/payload-encryption.js';

/** The embedded start's key file, beside Temporal's SQLite file in the data folder. */
export function embeddedKeyFile(dataDir: string): string {
  return join(dataDir, 'payload-encryption-keys');
}

function parseOrRefuse(text: string, where: string): PayloadKey[] {
  try {
    return parsePayloadKeys(text);
  } catch (error) {
    if (error instanceof PayloadKeyError) throw new ConfigurationError([`${where}: ${error.message}`]);
    throw error;
  }
}

/**
 * The payload keys: from PAYLOAD_ENCRYPTION_KEYS when set; otherwise, for the embedded start only, from
 * a key file in the data folder that the first start creates (mode 0600, readable by this user alone).
 * Production entry points refuse to run without the variable: a key made up per process would leave
 * every other process unable to read the histories.
 */
export async function payloadKeysFor(
  env: Environment,
  { embedded }: { embedded: boolean },
): Promise<PayloadKey[]> {
  if (env.PAYLOAD_ENCRYPTION_KEYS)
    return parseOrRefuse(env.PAYLOAD_ENCRYPTION_KEYS, 'PAYLOAD_ENCRYPTION_KEYS');
  if (!embedded) {
    throw new ConfigurationError([
      'PAYLOAD_ENCRYPTION_KEYS must be set for this entry point (id:base64 of 32 random bytes, e.g. ' +
        '`echo "k1:$(openssl rand -base64 32)"`); npm start makes one in its data folder instead.',
    ]);
  }
  const file = embeddedKeyFile(env.FEISUTONG_DATA_DIR);
  try {
    const text = await readFile(file, 'utf8');
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return parseOrRefuse(text, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys = [newPayloadKey(`embedded-${new Date().toISOString().slice(0, 10)}`)];
  // `wx`: two starts racing never overwrite each other's key.
  await writeFile(file, `${formatPayloadKeys(keys)}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return parseOrRefuse(await readFile(file, 'utf8'), file);
}

/** What the client and the worker both need: payloads encrypted with these keys. */
export function encryptingDataConverter(keys: PayloadKey[]): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)] };
}
