import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { caseAttachments, caseDocuments } from '../../db/schema/index.js';

/** Which reports carry the files the centre shared with the referrer, and where the referrer fetches them. */
const fileRoutes: Record<string, string> = {
  'court.outcome': '/v1/court/referrals',
  'prosecution.package': '/v1/prosecution/referrals',
};

/** One file in an outcome report: enough to fetch it with the referrer's key and to check it. */
export interface ReferrerFileReference {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** `signed_scan` 签字盖章的文书扫描件, `material` other files staff shared. */
  purpose: string;
  /** For a signed scan: the generated document it is the scan of (kind and version), else null. */
  document: { kind: string; version: number } | null;
  /** The authenticated download path (GET with the referrer's API key). */
  href: string;
}

/**
 * The files staff shared with the referring court or procuratorate (the signed agreement's scan, a
 * failure report …), looked up when the report is sent so that it lists what the case holds then.
 * Undefined for reports that carry no files. The referrer's own uploads are not repeated.
 */
export async function filesForReferrer(
  db: Database,
  request: { kind: string; caseNumber: string | null; body: Record<string, unknown> },
): Promise<ReferrerFileReference[] | undefined> {
  const prefix = fileRoutes[request.kind];
  const reference = request.body.reference;
  if (!prefix || !request.caseNumber || typeof reference !== 'string') return undefined;
  const rows = await db
    .select({ attachment: caseAttachments, kind: caseDocuments.kind, version: caseDocuments.version })
    .from(caseAttachments)
    .leftJoin(caseDocuments, eq(caseDocuments.signedScanId, caseAttachments.id))
    .where(
      and(
        eq(caseAttachments.caseNumber, request.caseNumber),
        eq(caseAttachments.sharedWithReferrer, true),
        eq(caseAttachments.uploadedByKind, 'staff'),
      ),
    )
    .orderBy(asc(caseAttachments.uploadedAt), asc(caseAttachments.id));
  const seen = new Set<string>();
  const files: ReferrerFileReference[] = [];
  for (const { attachment, kind, version } of rows) {
    // A scan recorded for two versions joins twice: listed once, for its latest version.
    if (seen.has(attachment.id)) {
      const listed = files.find((file) => file.id === attachment.id)!;
      if (kind && version !== null && (listed.document?.version ?? 0) < version)
        listed.document = { kind, version };
      continue;
    }
    seen.add(attachment.id);
    files.push({
      id: attachment.id,
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      size: attachment.size,
      sha256: attachment.sha256,
      purpose: attachment.purpose,
      document: kind && version !== null ? { kind, version } : null,
      href: `${prefix}/${encodeURIComponent(reference)}/attachments/${attachment.id}`,
    });
  }
  return files;
}
