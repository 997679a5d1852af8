import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, fileDependencies } from '../../http/dependencies.js';
import { storedFileResponse } from '../../http/file-download.js';
import { downloadAttachment } from '../../use-cases/attachments/download-attachment.js';
import { listAttachments } from '../../use-cases/attachments/list-attachments.js';
import { uploadAttachment } from '../../use-cases/attachments/upload-attachment.js';
import type { AppEnv } from '../context.js';
import { downloadLogFields } from '../file-download-log.js';
import { readMultipartUpload } from '../multipart-upload.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  AttachmentIdParam,
  AttachmentListSchema,
  AttachmentSchema,
  fileDownloadResponse,
  multipartFileBody,
} from '../schemas/attachment-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const ReferenceParam = z.object({
  reference: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .openapi({
      param: { name: 'reference', in: 'path' },
      description: 'Your own reference of the referral (案号), URL-encoded',
      example: '(2026)内0702民诉前调1234号',
    }),
});

const institutions = {
  court: { tag: 'court docking (诉调对接)', who: '人民法院', operation: 'Court' },
  procuratorate: { tag: 'procuratorate docking (检调对接)', who: '人民检察院', operation: 'Prosecution' },
} as const;

function routesFor(kind: keyof typeof institutions) {
  const { tag, who, operation } = institutions[kind];
  const upload = secureRoute({
    method: 'post',
    path: '/referrals/{reference}/attachments',
    tags: [tag],
    operationId: `upload${operation}ReferralAttachment`,
    summary: '为本方移送的案件上传材料',
    description: `${who}为本方移送的一件案件上传材料（起诉状、证据、身份材料等），以 \`multipart/form-data\` 提交，文件放在字段 \`file\`；可在移送后随时补充。
只接受 PDF、PNG、JPEG 图片和 Word 文档，按文件内容判断类型：其他类型 415 \`file_type_forbidden\`；声明的类型或扩展名与内容不符 422 \`file_type_mismatch\`；超过大小上限 413 \`file_too_large\`；
均指明字段 \`file\`，且不保存任何内容。只能上传到本方移送的案件（其他案号一律 404）；案件已归档时 409 \`case_closed\`。可安全重试：同一文件再次上传返回已有的记录（200）。`,
    refusals: [
      'not_found',
      'case_closed',
      'file_too_large',
      'file_type_forbidden',
      'file_type_mismatch',
      'file_missing',
      'unsupported_media_type',
      'malformed_request',
    ],
    access: [kind],
    request: { params: ReferenceParam, body: multipartFileBody() },
    responses: {
      201: json(AttachmentSchema, 'Stored'),
      200: json(AttachmentSchema, 'The same file was already stored with this case'),
      404: problemResponseSpec('Not your referral'),
      409: problemResponseSpec('The case is archived: its files are read-only'),
      413: problemResponseSpec('Larger than the cap'),
      415: problemResponseSpec('Not a PDF, PNG, JPEG or Word file'),
      422: problemResponseSpec('The declared type or extension does not match the content'),
      ...standardProblems,
    },
  });
  const list = secureRoute({
    method: 'get',
    path: '/referrals/{reference}/attachments',
    tags: [tag],
    operationId: `list${operation}ReferralAttachments`,
    summary: '查询本方移送案件的材料',
    description: `${who}查看本方移送的一件案件中可查阅的材料：本方上传的材料，以及中心提供给本方的文件（如签章的调解协议书、调解不成报告）。只能查询本方移送的案件（其他案号一律 404）。只读。`,
    refusals: ['not_found'],
    access: [kind],
    request: { params: ReferenceParam },
    responses: {
      200: json(AttachmentListSchema, 'The files you may read, in order'),
      404: problemResponseSpec('Not your referral'),
      ...standardProblems,
    },
  });
  const download = secureRoute({
    method: 'get',
    path: '/referrals/{reference}/attachments/{attachmentId}',
    tags: [tag],
    operationId: `download${operation}ReferralAttachment`,
    summary: '下载本方移送案件的一份材料',
    description: `${who}下载本方移送的案件中可查阅的一份文件，以附件形式返回（\`Content-Disposition: attachment\`，\`X-Content-Type-Options: nosniff\`，\`Repr-Digest\` 为 SHA-256）。
其他案件的文件、未提供给本方的文件一律 404。每次下载都记入日志。只读。`,
    refusals: ['not_found'],
    access: [kind],
    request: { params: ReferenceParam.merge(AttachmentIdParam) },
    responses: {
      200: fileDownloadResponse,
      404: problemResponseSpec('Not your referral, or no such file for you'),
      ...standardProblems,
    },
  });
  return { upload, list, download };
}

/**
 * /v1/court/referrals/{reference}/attachments and /v1/prosecution/…: a court or procuratorate sends
 * materials with the cases it referred and fetches what the centre shares with it, by its API key.
 */
export function institutionAttachmentRoutes(deps: AppDependencies, kind: keyof typeof institutions) {
  const files = fileDependencies(deps);
  const routes = routesFor(kind);
  const withTemporal = { ...files, temporal: deps.temporal };
  return new OpenAPIHono<AppEnv>()
    .openapi(routes.upload, async (c) => {
      const { reference } = c.req.valid('param');
      const { attachment, created } = await uploadAttachment(
        withTemporal,
        c.get('principal'),
        { reference },
        async () => ({ file: (await readMultipartUpload(c, 'file', files.maxBytes)).file }),
      );
      c.get('logger').info(
        { caseNumber: attachment.caseNumber, attachmentId: attachment.id, size: attachment.size, created },
        'attachment stored',
      );
      return c.json(attachment, created ? 201 : 200);
    })
    .openapi(routes.list, async (c) => {
      const { reference } = c.req.valid('param');
      return c.json(await listAttachments(withTemporal, c.get('principal'), { reference }), 200);
    })
    .openapi(routes.download, async (c) => {
      const { reference, attachmentId } = c.req.valid('param');
      const principal = c.get('principal');
      const file = await downloadAttachment(withTemporal, principal, { reference }, attachmentId);
      c.get('logger').info(downloadLogFields(principal, file), 'file downloaded');
      return storedFileResponse(file) as never;
    });
}
