import type { Context } from 'hono';
import { Refusal, refuseField } from '../domain/refusals.js';
import { readBoundedBody } from '../http/bounded-body.js';
import type { UploadedFile } from '../use-cases/attachments/check-uploaded-file.js';

/** Room for the multipart envelope and the small fields beside the file. */
const envelopeBytes = 64 * 1024;

/** Paths whose POST body is a file upload, read by its route (bounded by the file cap), not at 1 MiB. */
export const uploadPathPattern =
  /^\/v1\/(cases\/[^/]+\/(attachments|documents\/[^/]+\/signed-scan)|(court|prosecution)\/referrals\/[^/]+\/attachments)$/;

export interface MultipartUpload {
  file: UploadedFile;
  fields: Record<string, string>;
}

/**
 * A `multipart/form-data` upload with one file in the field `field`: read only once the caller is
 * known to be allowed (the route's access check ran; the use case calls this once it has found the
 * case and found it open), and given up past the file cap plus the
 * envelope (413 naming the field, nothing kept). Parsed with Hono's parseBody; the file's own
 * size and kind are checked by the use case.
 */
export async function readMultipartUpload(
  c: Context,
  field: string,
  maxFileBytes: number,
): Promise<MultipartUpload> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) {
    throw new Refusal('unsupported_media_type', {
      detail: 'Send the file as multipart/form-data.',
      errors: [{ field: 'Content-Type', in: 'header', reason: 'must be multipart/form-data' }],
    });
  }
  let body: Uint8Array;
  try {
    body = await readBoundedBody(c.req.raw, { maxBytes: maxFileBytes + envelopeBytes, label: 'the cap' });
  } catch (error) {
    if (error instanceof Refusal && error.code === 'payload_too_large') {
      const mib = Math.round((maxFileBytes / 1024 / 1024) * 10) / 10;
      refuseField('file_too_large', field, `must not be larger than ${mib} MiB`, {
        reasonZh: `文件不能超过 ${mib} MiB`,
        maxBytes: maxFileBytes,
      });
    }
    throw error;
  }
  c.req.raw = new Request(c.req.raw, { body });
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new Refusal('malformed_request', {
      detail: 'The multipart body cannot be read.',
      errors: [{ field: 'body', in: 'body', reason: 'is not a readable multipart/form-data body' }],
    });
  }
  const value = form[field];
  if (Array.isArray(value)) refuseField('validation_failed', field, 'must be sent once');
  if (!(value instanceof File)) {
    refuseField('file_missing', field, 'must be a file part', { reasonZh: '请选择要上传的文件' });
  }
  const fields: Record<string, string> = {};
  for (const [name, entry] of Object.entries(form)) {
    if (name !== field && typeof entry === 'string') fields[name] = entry;
  }
  return {
    file: { bytes: new Uint8Array(await value.arrayBuffer()), name: value.name, claimedType: value.type },
    fields,
  };
}
