import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';

/**
 * A Temporal payload codec that encrypts every payload with AES-256-GCM before it leaves the process,
 * so workflow histories (and the Temporal web UI, and the server's database) hold no readable personal
 * data. The key id travels in the payload's metadata: to rotate, put a new key first (it encrypts from
 * then on) and keep the old ones after it for as long as histories encrypted with them are alive.
 * Payloads without our encoding pass through, so histories written before encryption still decode.
 */
export const encryptedEncoding = 'binary/encrypted';
const keyIdMetadata = 'encryption-key-id';
const nonceBytes = 12;
const tagBytes = 16;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

export class PayloadKeyError extends Error {
  override name = 'PayloadKeyError';
}

/**
 * `id:base64key,id:base64key`: the format of PAYLOAD_ENCRYPTION_KEYS and of the embedded key file.
 * Each key is 32 random bytes; ids are short names (`2026-12`, `k2`) that never change meaning.
 */
export function parsePayloadKeys(text: string): PayloadKey[] {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new PayloadKeyError('no payload encryption key given');
  const keys = entries.map((entry) => {
    const match = /^([A-Za-z0-9._-]{1,64}):([A-Za-z0-9+/_-]+={0,2})$/.exec(entry);
    if (!match) throw new PayloadKeyError('each key must be written id:base64 (32 bytes)');
    const key = Buffer.from(match[2]!, 'base64');
    if (key.length !== 32) throw new PayloadKeyError(`key ${match[1]} is ${key.length} bytes, not 32`);
    return { id: match[1]!, key };
  });
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new PayloadKeyError('key ids must be unique');
  return keys;
}

export function formatPayloadKeys(keys: PayloadKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
}

export function newPayloadKey(id: string): PayloadKey {
  return { id, key: randomBytes(32) };
}

/** The payload (metadata and data) as bytes, so one ciphertext covers both. */
function serialise(payload: Payload): Uint8Array {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload.metadata ?? {})) {
    metadata[name] = Buffer.from(value).toString('base64');
  }
  return textEncoder.encode(
    JSON.stringify({ metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') }),
  );
}

function deserialise(bytes: Uint8Array): Payload {
  const parsed = JSON.parse(textDecoder.decode(bytes)) as { metadata: Record<string, string>; data: string };
  const metadata: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(parsed.metadata)) {
    metadata[name] = new Uint8Array(Buffer.from(value, 'base64'));
  }
  return { metadata, data: new Uint8Array(Buffer.from(parsed.data, 'base64')) };
}

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: PayloadKey[]) {
    if (keys.length === 0) throw new PayloadKeyError('no payload encryption key given');
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const nonce = randomBytes(nonceBytes);
      const cipher = createCipheriv('aes-256-gcm', this.current.key, nonce);
      // The key id is authenticated too: a payload cannot be passed off as another key's.
      cipher.setAAD(Buffer.from(this.current.id));
      const sealed = Buffer.concat([
        nonce,
        cipher.update(serialise(payload)),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return {
        metadata: {
          encoding: textEncoder.encode(encryptedEncoding),
          [keyIdMetadata]: textEncoder.encode(this.current.id),
        },
        data: new Uint8Array(sealed),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      if (!encoding || textDecoder.decode(encoding) !== encryptedEncoding) return payload;
      const idBytes = payload.metadata?.[keyIdMetadata];
      const id = idBytes ? textDecoder.decode(idBytes) : '';
      const key = this.byId.get(id);
      if (!key) throw new PayloadKeyError(`payload encrypted with key "${id}", which is not configured`);
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      if (sealed.length < nonceBytes + tagBytes) throw new PayloadKeyError('encrypted payload is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, nonceBytes));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
      let plain: Buffer;
      try {
        plain = Buffer.concat([
          decipher.update(sealed.subarray(nonceBytes, sealed.length - tagBytes)),
          decipher.final(),
        ]);
      } catch {
        // GCM's tag check: the bytes were altered, or another key was configured under this id.
        throw new PayloadKeyError(`encrypted payload does not authenticate with key "${id}"`);
      }
      return deserialise(plain);
    });
  }
}
