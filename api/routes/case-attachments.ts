import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { type AppDependencies, fileDependencies } from '../../http/dependencies.js';
import { storedFileResponse } from '../../http/file-download.js';
import { downloadAttachment } from '../../use-cases/attachments/download-attachment.js';
import { listAttachments } from '../../use-cases/attachments/list-attachments.js';
import { uploadAttachment } from '../../use-cases/attachments/upload-attachment.js';
import { allStaff } from '../access.js';
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
import { CaseNumberParam } from '../schemas/case-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const fileRefusals = [
  'not_found',
  'case_closed',
  'file_too_large',
  'file_type_forbidden',
  'file_type_mismatch',
  'file_missing',
  'unsupported_media_type',
  'malformed_request',
] as const;

const uploadRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/attachments',
  tags: ['case files (卷宗)'],
  operationId: 'uploadCaseAttachment',
  summary: '上传案件材料',
  description: `工作人员为案件上传一份材料（证据、身份材料扫描件、收据等），以 \`multipart/form-data\` 提交，文件放在字段 \`file\`。
只接受 PDF、PNG、JPEG 图片和 Word 文档，按文件内容判断类型（不看文件名）：其他类型 415 \`file_type_forbidden\`；声明的类型或扩展名与内容不符 422 \`file_type_mismatch\`；
超过大小上限（\`ATTACHMENT_MAX_BYTES\`，默认 20 MiB）413 \`file_too_large\`；均指明字段 \`file\`，且不保存任何内容。记录文件的 SHA-256、上传人与时间，文件名经过清理。
\`shareWithReferrer=true\` 时移送本案的法院或检察院可以查阅（其自己上传的材料总能查阅）。可见范围同案件详情：看不到的案件 404。已归档的案件只能查阅，上传 409 \`case_closed\`（附 \`currentStage\`）。
可安全重试：同一文件再次上传到同一案件返回已有的记录（200），不重复保存。`,
  refusals: fileRefusals,
  access: allStaff,
  request: {
    params: CaseNumberParam,
    body: multipartFileBody({
      shareWithReferrer: {
        type: 'string',
        description: '`true`: the referring court or procuratorate may read it',
      },
    }),
  },
  responses: {
    201: json(AttachmentSchema, 'Stored'),
    200: json(AttachmentSchema, 'The same file was already stored with this case'),
    404: problemResponseSpec('No such case, or not yours to see'),
    409: problemResponseSpec('The case is archived: its files are read-only'),
    413: problemResponseSpec('Larger than the cap'),
    415: problemResponseSpec('Not a PDF, PNG, JPEG or Word file'),
    422: problemResponseSpec('The declared type or extension does not match the content'),
    ...standardProblems,
  },
});

const listRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}/attachments',
  tags: ['case files (卷宗)'],
  operationId: 'listCaseAttachments',
  summary: '查询案件材料列表',
  description: `工作人员查看案件的全部材料（含法院、检察院随移送上传的材料和文书的签章扫描件），按上传顺序排列：文件名、类型、大小、SHA-256、上传人与时间。可见范围同案件详情。只读。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: CaseNumberParam },
  responses: {
    200: json(AttachmentListSchema, 'The attachments in order'),
    404: problemResponseSpec('No such case, or not yours to see'),
    ...standardProblems,
  },
});

const downloadRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}/attachments/{attachmentId}',
  tags: ['case files (卷宗)'],
  operationId: 'downloadCaseAttachment',
  summary: '下载一份案件材料',
  description: `工作人员下载案件的一份材料：以附件形式返回（\`Content-Disposition: attachment\`，中文文件名按 RFC 5987 编码），带 \`X-Content-Type-Options: nosniff\`，
\`Repr-Digest\` 为记录的 SHA-256。每次下载都记入日志（案件编号、材料编号、下载人，不含文件名等个人信息）。可见范围同案件详情。只读。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: CaseNumberParam.merge(AttachmentIdParam) },
  responses: {
    200: fileDownloadResponse,
    404: problemResponseSpec('No such case or attachment, or not yours to see'),
    ...standardProblems,
  },
});

/** /v1/cases/{caseNumber}/attachments: staff keep and read a case's files. */
export function caseAttachmentRoutes(deps: AppDependencies) {
  const files = fileDependencies(deps);
  return new OpenAPIHono<AppEnv>()
    .openapi(uploadRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const principal = c.get('principal');
      const { attachment, created } = await uploadAttachment(files, principal, { caseNumber }, async () => {
        const upload = await readMultipartUpload(c, 'file', files.maxBytes);
        return { file: upload.file, shareWithReferrer: upload.fields.shareWithReferrer === 'true' };
      });
      c.get('logger').info(
        { caseNumber, attachmentId: attachment.id, size: attachment.size, created },
        'attachment stored',
      );
      return created
        ? c.json(attachment, 201, { location: `/v1/cases/${caseNumber}/attachments/${attachment.id}` })
        : c.json(attachment, 200);
    })
    .openapi(listRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      return c.json(await listAttachments(files, c.get('principal'), { caseNumber }), 200);
    })
    .openapi(downloadRoute, async (c) => {
      const { caseNumber, attachmentId } = c.req.valid('param');
      const principal = c.get('principal');
      const file = await downloadAttachment(files, principal, { caseNumber }, attachmentId);
      c.get('logger').info(downloadLogFields(principal, file), 'file downloaded');
      return storedFileResponse(file) as never;
    });
}
