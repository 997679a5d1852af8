import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { caseAttachments } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';
import type { Principal } from '../auth/principal.js';
import { caseForFiles, type FilesTarget } from './case-for-files.js';
import type { FilesDependencies } from './files-dependencies.js';
import { readableBy } from './list-attachments.js';

/** A stored file handed back for download: the HTTP layer names it and sets the safety headers. */
export interface StoredFile {
  caseNumber: string;
  id: string;
  fileName: string;
  contentType: string;
  sha256: string;
  bytes: Uint8Array;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One attachment's bytes, if the caller may read the case and (an institution) the file. A file the
 * caller may not read answers 404 like one that is not there. The bytes are checked against the
 * recorded SHA-256: a store that hands back other bytes is an error, not a download.
 */
export async function downloadAttachment(
  deps: Pick<FilesDependencies, 'db' | 'objectStore' | 'temporal'>,
  principal: Principal,
  target: FilesTarget,
  attachmentId: string,
): Promise<StoredFile> {
  const found = await caseForFiles(deps, principal, target);
  const notFound = new Refusal('not_found', { detail: `No attachment ${attachmentId} on this case.` });
  if (!uuidPattern.test(attachmentId)) throw notFound;
  const [row] = await deps.db
    .select()
    .from(caseAttachments)
    .where(
      and(
        eq(caseAttachments.id, attachmentId),
        eq(caseAttachments.caseNumber, found.caseNumber),
        readableBy(found),
      ),
    )
    .limit(1);
  if (!row) throw notFound;
  return {
    caseNumber: found.caseNumber,
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sha256: row.sha256,
    bytes: await readVerified(deps.objectStore, row.objectKey, row.sha256),
  };
}

/** The object's bytes, checked against the hash recorded when it was stored. */
export async function readVerified(
  store: FilesDependencies['objectStore'],
  objectKey: string,
  sha256: string,
): Promise<Uint8Array> {
  const bytes = await store.get(objectKey);
  if (!bytes) throw new Error(`object ${objectKey} is missing from the ${store.kind} object store`);
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new Error(`object ${objectKey} does not match its recorded SHA-256`);
  }
  return bytes;
}
