import { randomBytes } from 'node:crypto';
import { DefaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  EncryptionCodec,
  formatPayloadKeys,
  newPayloadKey,
  PayloadKeyError,
  parsePayloadKeys,
} from '../../../lib/payload-encryption.js';

const converter = new DefaultPayloadConverter();
const party = { name: '王芳', idNumber: '150702199001011234', phone: '13800001111' };
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('payload encryption (AES-256-GCM, key id in the metadata)', () => {
  const oldKey = newPayloadKey('2026-01');
  const newKey = newPayloadKey('2026-12');

  it('encrypts a payload so neither its data nor its metadata can be read, and decrypts it back', async () => {
    const codec = new EncryptionCodec([oldKey]);
    const plain = converter.toPayload(party);
    const [sealed] = await codec.encode([plain]);
    expect(text(sealed!.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(sealed!.metadata!['encryption-key-id'])).toBe('2026-01');
    const wire = JSON.stringify(sealed) + Buffer.from(sealed!.data!).toString('latin1');
    for (const secret of [party.idNumber, party.phone, 'json/plain']) expect(wire).not.toContain(secret);
    const [opened] = await codec.decode([sealed!]);
    expect(converter.fromPayload(opened!)).toEqual(party);
  });

  it('uses a fresh nonce each time: the same payload never encrypts to the same bytes', async () => {
    const codec = new EncryptionCodec([oldKey]);
    const [a, b] = await codec.encode([converter.toPayload(party), converter.toPayload(party)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('rotates: the first key encrypts, older keys still decrypt what they encrypted', async () => {
    const [underOld] = await new EncryptionCodec([oldKey]).encode([converter.toPayload(party)]);
    const rotated = new EncryptionCodec([newKey, oldKey]);
    const [underNew] = await rotated.encode([converter.toPayload(party)]);
    expect(text(underNew!.metadata!['encryption-key-id'])).toBe('2026-12');
    const decoded = await rotated.decode([underOld!, underNew!]);
    expect(decoded.map((p) => converter.fromPayload(p))).toEqual([party, party]);
  });

  it('refuses a payload whose key is not configured, or whose bytes or key id were changed', async () => {
    const [sealed] = await new EncryptionCodec([oldKey]).encode([converter.toPayload(party)]);
    await expect(new EncryptionCodec([newKey]).decode([sealed!])).rejects.toThrow(
      /"2026-01".*not configured/,
    );

    const flipped = Buffer.from(sealed!.data!);
    flipped[20]! ^= 1;
    // A PayloadKeyError (not the cipher's bare Error), so the codec endpoint answers 422, not 500.
    await expect(new EncryptionCodec([oldKey]).decode([{ ...sealed!, data: flipped }])).rejects.toThrow(
      PayloadKeyError,
    );

    // The same key bytes under another id: the id is authenticated, so this is refused too.
    const renamed = { id: '2026-12', key: oldKey.key };
    const relabelled = {
      ...sealed!,
      metadata: { ...sealed!.metadata, 'encryption-key-id': new TextEncoder().encode('2026-12') },
    };
    await expect(new EncryptionCodec([renamed]).decode([relabelled])).rejects.toThrow(
      /does not authenticate with key "2026-12"/,
    );
  });

  it('passes through payloads written before encryption, so older histories still decode', async () => {
    const plain = converter.toPayload(party);
    const [decoded] = await new EncryptionCodec([oldKey]).decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('reads keys written id:base64, one or several, and refuses bad ones', () => {
    const setting = formatPayloadKeys([newKey, oldKey]);
    expect(parsePayloadKeys(setting).map((k) => k.id)).toEqual(['2026-12', '2026-01']);
    expect(parsePayloadKeys(`${setting}\n`)[1]!.key.equals(oldKey.key)).toBe(true);
    expect(() => parsePayloadKeys('')).toThrow(PayloadKeyError);
    expect(() => parsePayloadKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/16 bytes, not 32/);
    expect(() => parsePayloadKeys(randomBytes(32).toString('base64'))).toThrow(/id:base64/);
    expect(() => parsePayloadKeys(`${formatPayloadKeys([oldKey])},${formatPayloadKeys([oldKey])}`)).toThrow(
      /unique/,
    );
  });
});
