/**
 * The kinds of file a case may hold (材料、扫描件、文书): PDF, the two common image formats and Word,
 * told apart by their content, never by their name. Everything else (HTML, scripts, executables,
 * archives, spreadsheets) is refused: a file the centre keeps is opened later by a clerk, a court or the
 * archive, and these are the ones that are read, not run.
 */
export const allowedAttachmentTypes = {
  'application/pdf': { extensions: ['pdf'], labelZh: 'PDF 文件' },
  'image/png': { extensions: ['png'], labelZh: 'PNG 图片' },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], labelZh: 'JPEG 图片' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['docx'],
    labelZh: 'Word 文档（.docx）',
  },
  'application/msword': { extensions: ['doc'], labelZh: 'Word 文档（.doc）' },
} as const;

export type AttachmentType = keyof typeof allowedAttachmentTypes;

export function isAllowedAttachmentType(type: string | undefined): type is AttachmentType {
  return type !== undefined && Object.hasOwn(allowedAttachmentTypes, type);
}

/** The allowed type a file name's extension claims, if it names one of them. */
export function typeClaimedByName(fileName: string): AttachmentType | undefined {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  if (!extension) return undefined;
  for (const [type, entry] of Object.entries(allowedAttachmentTypes)) {
    if ((entry.extensions as readonly string[]).includes(extension)) return type as AttachmentType;
  }
  return undefined;
}

/** Types a client sends when it does not know (curl's default, some browsers): no claim at all. */
export function isNoClaim(contentType: string | undefined): boolean {
  const type = normaliseMediaType(contentType);
  return type === '' || type === 'application/octet-stream';
}

export function normaliseMediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** What people read in the refusals: the allowed kinds, in Chinese. */
export const allowedAttachmentTypesZh = Object.values(allowedAttachmentTypes)
  .map((entry) => entry.labelZh)
  .join('、');
