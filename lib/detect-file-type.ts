import { fileTypeFromBuffer } from 'file-type';

const wordDocumentStream = Buffer.from('WordDocument', 'utf16le');

/**
 * The media type a file's content shows (its magic numbers and structure, through file-type), or
 * undefined when it shows none that file-type knows (plain text, HTML, an unknown binary). An OLE
 * compound file (file-type's `application/x-cfb`: old Word, Excel, installers alike) counts as
 * `application/msword` only when its directory names a `WordDocument` stream, which only Word files have.
 */
export async function detectFileType(bytes: Uint8Array): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return undefined;
  if (found.mime === 'application/x-cfb') {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(wordDocumentStream)
      ? 'application/msword'
      : found.mime;
  }
  return found.mime;
}
