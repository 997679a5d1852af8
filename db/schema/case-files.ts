import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Who stored a file: a member of staff (a user id), an institution's machine client (an institution
 * id, e.g. a court uploading its materials) or the system itself (a generated document).
 */
const actorKinds = ['staff', 'institution', 'system'] as const;

/**
 * Files kept with a case (案件材料): what courts and procuratorates send with a referral, what staff
 * scan in, the signed and sealed scans of generated documents. The bytes are in the object store
 * under `objectKey`; this row is what the file is. Unique by (case, SHA-256): the same file sent again
 * (a retried upload) is the same attachment. No foreign key to `cases`: a court may upload its
 * materials the moment it has referred, before the case's projection has written the case row (as
 * `referrals.case_number`).
 */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseNumber: text('case_number').notNull(),
    /** `material` 案件材料; `signed_scan` 签字盖章的文书扫描件 (see case_documents.signed_scan_id). */
    purpose: text('purpose', { enum: ['material', 'signed_scan'] }).notNull(),
    /** The name as given, sanitised (domain/file-names.ts): shown, and sent back on download. */
    fileName: text('file_name').notNull(),
    /** The type its content shows (not the name's, not the one the uploader claimed). */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    objectKey: text('object_key').notNull(),
    uploadedByKind: text('uploaded_by_kind', { enum: actorKinds }).notNull(),
    uploadedById: text('uploaded_by_id').notNull(),
    /** Whether the referring court or procuratorate may read it (its own uploads always). */
    sharedWithReferrer: boolean('shared_with_referrer').notNull().default(false),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('case_attachments_case_sha256_idx').on(table.caseNumber, table.sha256),
    index('case_attachments_case_uploaded_idx').on(table.caseNumber, table.uploadedAt),
  ],
);

/**
 * Generated documents (文书: 调解协议书、调解笔录 …), one row per version: generating again after a
 * change makes the next version and keeps the earlier ones. `signedScanId` points at the signed and
 * sealed scan of this very version, once staff have uploaded it.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseNumber: text('case_number').notNull(),
    /** The generator's kind (documents/: e.g. `mediation-agreement`). */
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    objectKey: text('object_key').notNull(),
    generatedByKind: text('generated_by_kind', { enum: actorKinds }).notNull(),
    generatedById: text('generated_by_id').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    signedScanId: uuid('signed_scan_id').references((): AnyPgColumn => caseAttachments.id),
    signedScanRecordedAt: timestamp('signed_scan_recorded_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('case_documents_case_kind_version_idx').on(table.caseNumber, table.kind, table.version),
    index('case_documents_case_generated_idx').on(table.caseNumber, table.generatedAt),
  ],
);
