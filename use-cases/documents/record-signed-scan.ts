import { eq } from 'drizzle-orm';
import { caseAttachments, caseDocuments } from '../../db/schema/index.js';
import { refuseIfReadOnly } from '../attachments/case-for-files.js';
import type { UploadedFile } from '../attachments/check-uploaded-file.js';
import type { FilesDependencies } from '../attachments/files-dependencies.js';
import { storeAttachment } from '../attachments/upload-attachment.js';
import type { Principal } from '../auth/principal.js';
import { type DocumentResponse, toDocumentResponse } from './document-response.js';
import { findDocumentVersion } from './download-document.js';

/**
 * Staff upload the signed and sealed scan (签字盖章扫描件) of one version of a generated document:
 * the scan is kept as an attachment of the case (checked like any upload) and the version records it,
 * so the case says which version was signed. A new scan of the same version replaces the record (the
 * earlier scan stays among the attachments); sending the same scan again changes nothing. Staff share
 * it with the referring court or procuratorate by `shareWithReferrer` (the signed agreement a court
 * fetches with its key). Archived cases take no scans (409).
 */
export async function recordSignedScan(
  deps: FilesDependencies,
  principal: Principal & { kind: 'staff' },
  caseNumber: string,
  documentId: string,
  /** Reads the upload: called only once the version is found and the case open. */
  readInput: () => Promise<{ file: UploadedFile; shareWithReferrer: boolean }>,
): Promise<{ document: DocumentResponse; created: boolean }> {
  const { found, row } = await findDocumentVersion(deps, principal, caseNumber, documentId);
  refuseIfReadOnly(found);
  const input = await readInput();
  const { attachment, created } = await storeAttachment(
    deps,
    found.caseNumber,
    { kind: 'staff', id: principal.userId },
    { file: input.file, purpose: 'signed_scan', shareWithReferrer: input.shareWithReferrer },
  );
  if (input.shareWithReferrer && !attachment.sharedWithReferrer) {
    await deps.db
      .update(caseAttachments)
      .set({ sharedWithReferrer: true })
      .where(eq(caseAttachments.id, attachment.id));
  }
  const unchanged = row.signedScanId === attachment.id;
  const [updated] = unchanged
    ? [row]
    : await deps.db
        .update(caseDocuments)
        .set({ signedScanId: attachment.id, signedScanRecordedAt: new Date() })
        .where(eq(caseDocuments.id, row.id))
        .returning();
  const [scan] = await deps.db.select().from(caseAttachments).where(eq(caseAttachments.id, attachment.id));
  return { document: toDocumentResponse(updated!, scan), created: created || !unchanged };
}
