import type { Payload, PayloadCodec } from '@temporalio/common';
import { refuseField } from '../../domain/refusals.js';
import { PayloadKeyError } from '../../lib/payload-encryption.js';

/**
 * A payload as Temporal's codec protocol carries it (the Payload protobuf as proto3 JSON): the data and
 * every metadata value are base64.
 */
export interface JsonPayload {
  metadata?: Record<string, string> | null | undefined;
  data?: string | null | undefined;
}

function fromJson(payload: JsonPayload): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(payload.metadata ?? {})) {
    metadata[name] = new Uint8Array(Buffer.from(value, 'base64'));
  }
  return { metadata, data: new Uint8Array(Buffer.from(payload.data ?? '', 'base64')) };
}

function toJson(payload: Payload): JsonPayload {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload.metadata ?? {})) {
    if (value) metadata[name] = Buffer.from(value).toString('base64');
  }
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}

/**
 * The payloads in clear, for the Temporal web UI or CLI of someone allowed to read them. One at a time,
 * so a payload that cannot be decrypted (its key id not configured, its bytes altered) is named by its
 * index; the reason names the key id, never anything of the payload itself.
 */
export async function decodePayloads(codec: PayloadCodec, payloads: JsonPayload[]): Promise<JsonPayload[]> {
  const decoded: JsonPayload[] = [];
  for (const [index, payload] of payloads.entries()) {
    try {
      const [clear] = await codec.decode([fromJson(payload)]);
      decoded.push(toJson(clear!));
    } catch (error) {
      if (error instanceof PayloadKeyError)
        refuseField('payload_undecodable', `payloads[${index}]`, error.message);
      throw error;
    }
  }
  return decoded;
}

/** The payloads encrypted with the current key, as the UI needs for a signal or a start it sends. */
export async function encodePayloads(codec: PayloadCodec, payloads: JsonPayload[]): Promise<JsonPayload[]> {
  return (await codec.encode(payloads.map(fromJson))).map(toJson);
}
