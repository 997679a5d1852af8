import { createHash } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { caseDocuments } from '../../db/schema/index.js';
import { sanitiseFileName } from '../../domain/file-names.js';
import { detectFileType } from '../../lib/detect-file-type.js';
import { objectKeyFor } from '../attachments/case-for-files.js';
import type { FileActor } from '../attachments/files-dependencies.js';
import type { ObjectStore } from '../shared/object-store.js';
import { type DocumentResponse, toDocumentResponse } from './document-response.js';

/** A generator's kind: `mediation-agreement`, `session-record` … (lower case, digits, hyphens). */
const kindPattern = /^[a-z][a-z0-9-]{1,63}$/;

export interface StoreDocumentVersionInput {
  caseNumber: string;
  kind: string;
  bytes: Uint8Array;
  /** Who asked for it: the member of staff who generated it, or the system (e.g. on settlement). */
  actor: FileActor;
  /** The name it downloads as (e.g. 人民调解协议书.docx); `<kind>-v<version>.docx` if not given. */
  fileName?: string | undefined;
}

/**
 * Keeps a generated document as the next version of its kind for the case (1, 2, …); earlier
 * versions stay as they were, each with its own bytes, hash, author and time. The bytes are stored
 * under a key made of their own hash, so two versions written at the same moment never overwrite each
 * other's bytes; the version number is taken under the (case, kind, version) unique index and taken
 * again if another writer got there first. Every call is a new version: it is the caller (generation
 * after a change) that decides when one is due. The case's access is the caller's to check.
 */
export async function storeDocumentVersion(
  deps: { db: Database; objectStore: ObjectStore },
  input: StoreDocumentVersionInput,
): Promise<DocumentResponse> {
  if (!kindPattern.test(input.kind)) throw new Error(`Not a document kind: ${JSON.stringify(input.kind)}`);
  if (input.bytes.byteLength === 0) throw new Error('A generated document cannot be empty');
  const contentType = (await detectFileType(input.bytes)) ?? 'application/octet-stream';
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const objectKey = objectKeyFor(input.caseNumber, 'documents', `${input.kind}/${sha256}`);
  await deps.objectStore.put(objectKey, input.bytes, contentType);

  for (let attempt = 0; attempt < 5; attempt++) {
    const [latest] = await deps.db
      .select({ version: max(caseDocuments.version) })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.caseNumber, input.caseNumber), eq(caseDocuments.kind, input.kind)));
    const version = (latest?.version ?? 0) + 1;
    const extension =
      contentType === 'application/msword' ? 'doc' : contentType === 'application/pdf' ? 'pdf' : 'docx';
    const [row] = await deps.db
      .insert(caseDocuments)
      .values({
        caseNumber: input.caseNumber,
        kind: input.kind,
        version,
        fileName: sanitiseFileName(input.fileName ?? `${input.kind}-v${version}.${extension}`),
        contentType,
        size: input.bytes.byteLength,
        sha256,
        objectKey,
        generatedByKind: input.actor.kind,
        generatedById: input.actor.id,
      })
      .onConflictDoNothing()
      .returning();
    if (row) return toDocumentResponse(row, undefined);
  }
  throw new Error(`Could not take a version number for ${input.kind} of ${input.caseNumber}`);
}
