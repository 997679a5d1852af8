import type { caseAttachments, caseDocuments } from '../../db/schema/index.js';

type DocumentRow = typeof caseDocuments.$inferSelect;
type AttachmentRow = typeof caseAttachments.$inferSelect;

/** One version of a generated document as the API lists it, with its signed scan if there is one. */
export function toDocumentResponse(row: DocumentRow, signedScan: AttachmentRow | undefined) {
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    kind: row.kind,
    version: row.version,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    generatedBy: { kind: row.generatedByKind, id: row.generatedById },
    generatedAt: row.generatedAt.toISOString(),
    signedScan:
      signedScan && row.signedScanRecordedAt
        ? {
            attachmentId: signedScan.id,
            fileName: signedScan.fileName,
            contentType: signedScan.contentType,
            sha256: signedScan.sha256,
            recordedAt: row.signedScanRecordedAt.toISOString(),
          }
        : null,
  };
}

export type DocumentResponse = ReturnType<typeof toDocumentResponse>;
