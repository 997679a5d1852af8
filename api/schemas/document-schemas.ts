import { z } from '@hono/zod-openapi';
import { documentKindLabelsZh, documentKinds } from '../../documents/document-kinds.js';
import { transitionBodies } from './transition-schemas.js';

export const DocumentVersionSchema = z
  .object({
    id: z.string().uuid(),
    caseNumber: z.string(),
    kind: z.string().openapi({ description: 'The generator’s kind, e.g. `mediation-agreement`' }),
    version: z.number().int().openapi({ description: '1 for the first generation, then 2, 3 …' }),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    generatedBy: z.object({ kind: z.enum(['staff', 'institution', 'system']), id: z.string() }),
    generatedAt: z.string().openapi({ format: 'date-time' }),
    signedScan: z
      .object({
        attachmentId: z.string().uuid(),
        fileName: z.string(),
        contentType: z.string(),
        sha256: z.string(),
        recordedAt: z.string().openapi({ format: 'date-time' }),
      })
      .nullable()
      .openapi({ description: 'The signed and sealed scan of this very version, once uploaded' }),
  })
  .openapi('DocumentVersion');

export const DocumentVersionListSchema = z
  .object({ caseNumber: z.string(), items: z.array(DocumentVersionSchema) })
  .openapi('DocumentVersionList');

export const DocumentIdParam = z.object({
  documentId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'documentId', in: 'path' }, example: '5a0e4a53-5d7b-4bb3-9e0c-2a43b9f1d0f1' }),
});

export const GenerateDocumentSchema = z
  .object({
    kind: z.enum(documentKinds).openapi({
      description: `Which document: ${documentKinds.map((kind) => `\`${kind}\` ${documentKindLabelsZh[kind]}`).join('; ')}`,
    }),
    sessionNumber: z.number().int().min(1).max(1000).optional().openapi({
      description: 'For `session_record`: which session, 1 for the first held; the latest if not given',
    }),
    settlement: transitionBodies.settle.optional().openapi({
      description:
        'For `mediation_agreement` before the settlement is recorded: the terms the parties are to sign (the same body the settle transition will take), so the agreement can be printed, signed and its scan recorded first. Ignored once the case is settled (the recorded terms are printed) and for other kinds',
    }),
    failure: transitionBodies.fail.optional().openapi({
      description:
        'For `failure_record` before the failure is recorded: its reasons and the undisputed facts (the same body the fail transition will take), so the report can be signed and its scan travel with the outcome to the court. Ignored once the case has ended and for other kinds',
    }),
  })
  .strict()
  .openapi('GenerateDocument');
