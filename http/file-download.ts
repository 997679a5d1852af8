import { asciiFileName } from '../domain/file-names.js';
import type { StoredFile } from '../use-cases/attachments/download-attachment.js';
import { contentDisposition } from './download.js';

/**
 * The HTTP answer for a stored file: always a download (Content-Disposition: attachment, the
 * Chinese name in RFC 5987 form), its detected type with nosniff so no browser guesses another, not
 * cached by anything in between, and a sandboxing CSP in case a browser renders it anyway.
 */
export function storedFileResponse(file: Pick<StoredFile, 'fileName' | 'contentType' | 'sha256' | 'bytes'>) {
  return new Response(file.bytes, {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.bytes.byteLength),
      'content-disposition': contentDisposition(file.fileName, asciiFileName(file.fileName, 'file')),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
      // The recorded hash, for the caller to check what it received (RFC 9530 Repr-Digest).
      'repr-digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
    },
  });
}
