import { and, eq } from 'drizzle-orm';
import { caseDocuments } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';
import { caseForFiles } from '../attachments/case-for-files.js';
import { readVerified, type StoredFile } from '../attachments/download-attachment.js';
import type { FilesDependencies } from '../attachments/files-dependencies.js';
import type { Principal } from '../auth/principal.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One version of a generated document of a case the caller may see; 404 otherwise. */
export async function findDocumentVersion(
  deps: Pick<FilesDependencies, 'db' | 'temporal'>,
  principal: Principal,
  caseNumber: string,
  documentId: string,
) {
  const found = await caseForFiles(deps, principal, { caseNumber });
  const notFound = new Refusal('not_found', { detail: `No document ${documentId} on this case.` });
  if (!uuidPattern.test(documentId)) throw notFound;
  const [row] = await deps.db
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, documentId), eq(caseDocuments.caseNumber, found.caseNumber)))
    .limit(1);
  if (!row) throw notFound;
  return { found, row };
}

/** A version's bytes, checked against its recorded SHA-256. */
export async function downloadDocument(
  deps: Pick<FilesDependencies, 'db' | 'objectStore' | 'temporal'>,
  principal: Principal,
  caseNumber: string,
  documentId: string,
): Promise<StoredFile> {
  const { row } = await findDocumentVersion(deps, principal, caseNumber, documentId);
  return {
    caseNumber: row.caseNumber,
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sha256: row.sha256,
    bytes: await readVerified(deps.objectStore, row.objectKey, row.sha256),
  };
}
