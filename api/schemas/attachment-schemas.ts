import { z } from '@hono/zod-openapi';
import { allowedAttachmentTypes } from '../../domain/attachment-types.js';

export const AttachmentSchema = z
  .object({
    id: z.string().uuid(),
    caseNumber: z.string(),
    purpose: z.enum(['material', 'signed_scan']),
    fileName: z.string(),
    contentType: z.enum(Object.keys(allowedAttachmentTypes) as [string, ...string[]]),
    size: z.number().int(),
    sha256: z.string().openapi({ description: 'SHA-256 of the content, hex' }),
    uploadedBy: z.object({ kind: z.enum(['staff', 'institution', 'system']), id: z.string() }),
    sharedWithReferrer: z.boolean(),
    uploadedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Attachment');

export const AttachmentListSchema = z
  .object({ caseNumber: z.string(), items: z.array(AttachmentSchema) })
  .openapi('AttachmentList');

export const AttachmentIdParam = z.object({
  attachmentId: z
    .string()
    .uuid()
    .openapi({
      param: { name: 'attachmentId', in: 'path' },
      example: '0b9f1c9e-2f55-4a39-a6f7-5c1c6e2f7d10',
    }),
});

/**
 * The upload's body as the document describes it. A plain schema object, not zod: the route reads the
 * multipart body itself, bounded, after the access check (a zod form schema would have the framework
 * parse the whole body before anything else runs).
 */
export function multipartFileBody(extraFields: Record<string, { type: 'string'; description: string }> = {}) {
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object' as const,
          required: ['file'],
          properties: {
            file: {
              type: 'string' as const,
              format: 'binary',
              description:
                'The file: PDF, PNG, JPEG, or Word (.docx, .doc), judged by its content. The part’s ' +
                'Content-Type and the file name’s extension, when given, must agree with the content.',
            },
            ...extraFields,
          },
        },
      },
    },
  };
}

/** The binary answer of a download route. */
export const fileDownloadResponse = {
  description:
    'The file (Content-Disposition: attachment; X-Content-Type-Options: nosniff; Repr-Digest: its SHA-256)',
  content: Object.fromEntries(
    Object.keys(allowedAttachmentTypes).map((type) => [
      type,
      { schema: z.string().openapi({ format: 'binary' }) },
    ]),
  ),
};
