import type { caseAttachments } from '../../db/schema/index.js';

type AttachmentRow = typeof caseAttachments.$inferSelect;

/** An attachment as the API lists it (no object key: that is the store's business). */
export function toAttachmentResponse(row: AttachmentRow) {
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    purpose: row.purpose,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: { kind: row.uploadedByKind, id: row.uploadedById },
    sharedWithReferrer: row.sharedWithReferrer,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

export type AttachmentResponse = ReturnType<typeof toAttachmentResponse>;
