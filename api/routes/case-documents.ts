import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, fileDependencies } from '../../http/dependencies.js';
import { contentDisposition } from '../../http/download.js';
import { storedFileResponse } from '../../http/file-download.js';
import { assembleCaseFile } from '../../use-cases/case-file/assemble-case-file.js';
import { downloadDocument } from '../../use-cases/documents/download-document.js';
import { generateCaseDocument } from '../../use-cases/documents/generate-case-document.js';
import { listDocumentVersions } from '../../use-cases/documents/list-document-versions.js';
import { recordSignedScan } from '../../use-cases/documents/record-signed-scan.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { downloadLogFields } from '../file-download-log.js';
import { readMultipartUpload } from '../multipart-upload.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { fileDownloadResponse, multipartFileBody } from '../schemas/attachment-schemas.js';
import { CaseNumberParam } from '../schemas/case-schemas.js';
import {
  DocumentIdParam,
  DocumentVersionListSchema,
  DocumentVersionSchema,
  GenerateDocumentSchema,
} from '../schemas/document-schemas.js';

function missingCentreSettings(): never {
  throw new Error('The centre settings for documents (DOCUMENT_*) were not passed to the API');
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const listRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}/documents',
  tags: ['case files (卷宗)'],
  operationId: 'listCaseDocuments',
  summary: '查询案件已生成的文书（含历次版本）',
  description: `工作人员查看案件已生成的全部文书（人民调解协议书、调解笔录等）及其历次版本：每个版本的生成人与时间、SHA-256，以及该版本是否已上传签字盖章的扫描件。
修改后重新生成会产生新版本，旧版本保留。按生成顺序排列。可见范围同案件详情。只读。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: CaseNumberParam },
  responses: {
    200: json(DocumentVersionListSchema, 'Every version, in the order generated'),
    404: problemResponseSpec('No such case, or not yours to see'),
    ...standardProblems,
  },
});

const generateRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/documents',
  tags: ['case files (卷宗)'],
  operationId: 'generateCaseDocument',
  summary: '由案件数据生成文书（Word）并存入卷宗',
  description: `工作人员由案件当前数据生成一份文书（人民调解申请书、调解笔录、人民调解协议书、终止调解记录或调解不成报告、回访记录、司法确认申请书、刑事和解材料移送清单），
按公文格式排版为 Word 文档，存入卷宗：案件内容自上一版本以来有变化时成为新版本（201，旧版本保留）；内容未变（重试、重复点击）时答复最新版本，不新增（200）。
人民调解协议书可在记录调解成功之前生成：请求中的 \`settlement\` 为双方将签署的协议内容（与调解成功操作的请求体相同），以便先打印、签字盖章并上传扫描件；调解不成报告同样可在记录调解不成之前由 \`failure\`（与调解不成操作的请求体相同）生成。
案件尚无该文书所需内容（如尚未达成协议且未提供 \`settlement\`）时 409 \`document_not_available\`，并给出案件当前阶段；已归档的案件 409 \`case_closed\`。可见范围同案件详情。`,
  refusals: [
    'not_found',
    'case_closed',
    'document_not_available',
    'malformed_request',
    'unsupported_media_type',
  ],
  access: allStaff,
  request: {
    params: CaseNumberParam,
    body: { required: true, content: { 'application/json': { schema: GenerateDocumentSchema } } },
  },
  responses: {
    201: json(DocumentVersionSchema, 'Generated and kept as the next version'),
    200: json(DocumentVersionSchema, 'Nothing the document records has changed: the latest version'),
    404: problemResponseSpec('No such case, or not yours to see'),
    409: problemResponseSpec('Archived, or the case has nothing for this document yet'),
    ...standardProblems,
  },
});

const downloadRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}/documents/{documentId}',
  tags: ['case files (卷宗)'],
  operationId: 'downloadCaseDocument',
  summary: '下载文书的一个版本',
  description: `工作人员下载已生成文书的某一版本（Word 文档），以附件形式返回（中文文件名按 RFC 5987 编码，\`X-Content-Type-Options: nosniff\`）。每次下载都记入日志。可见范围同案件详情。只读。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: CaseNumberParam.merge(DocumentIdParam) },
  responses: {
    200: fileDownloadResponse,
    404: problemResponseSpec('No such case or document version, or not yours to see'),
    ...standardProblems,
  },
});

const signedScanRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/documents/{documentId}/signed-scan',
  tags: ['case files (卷宗)'],
  operationId: 'uploadSignedDocumentScan',
  summary: '上传文书某一版本的签字盖章扫描件',
  description: `工作人员上传当事人、调解员签字并加盖调解委员会印章后的文书扫描件（PDF 或图片），以 \`multipart/form-data\` 提交，文件放在字段 \`file\`。
案件由此记录签署的是哪一个版本。扫描件同时作为案件材料保存；\`shareWithReferrer=true\` 时移送本案的法院或检察院可用其密钥下载（如签章的调解协议书）。
同一版本再次上传另一份扫描件时以新的为准（旧的仍保留在材料中）；同一文件重复上传不产生变化（200）。文件检查同材料上传：415 \`file_type_forbidden\`、422 \`file_type_mismatch\`、413 \`file_too_large\`，
均指明字段 \`file\` 且不保存任何内容。已归档的案件 409 \`case_closed\`。`,
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
  access: allStaff,
  request: {
    params: CaseNumberParam.merge(DocumentIdParam),
    body: multipartFileBody({
      shareWithReferrer: {
        type: 'string',
        description: '`true`: the referring court or procuratorate may read it',
      },
    }),
  },
  responses: {
    201: json(DocumentVersionSchema, 'Recorded: the version now names its signed scan'),
    200: json(DocumentVersionSchema, 'This scan was already recorded for this version'),
    404: problemResponseSpec('No such case or document version, or not yours to see'),
    409: problemResponseSpec('The case is archived: its files are read-only'),
    413: problemResponseSpec('Larger than the cap'),
    415: problemResponseSpec('Not a PDF, PNG, JPEG or Word file'),
    422: problemResponseSpec('The declared type or extension does not match the content'),
    ...standardProblems,
  },
});

const caseFileRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}/case-file',
  tags: ['case files (卷宗)'],
  operationId: 'downloadCaseFile',
  summary: '下载案件卷宗（zip）',
  description: `工作人员一次下载整个案件卷宗（归档、移交档案室时使用）：一个 zip 文件，首页为卷宗目录（\`00-目录.html\`，按顺序列出每份文书的每个版本与每份材料：名称、版本、类型、大小、
制作或提交者、时间、SHA-256），其后为各文件本身，文件名前的序号与目录一致。每个文件在打包前都按记录的 SHA-256 核对。每次下载都记入日志。可见范围同案件详情；已归档的案件同样可以下载。只读。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: CaseNumberParam },
  responses: {
    200: {
      description: 'The case file as a zip (Content-Disposition: attachment)',
      content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    404: problemResponseSpec('No such case, or not yours to see'),
    ...standardProblems,
  },
});

/** /v1/cases/{caseNumber}/documents: generated documents, their versions and their signed scans. */
export function caseDocumentRoutes(deps: AppDependencies) {
  const files = fileDependencies(deps);
  return new OpenAPIHono<AppEnv>()
    .openapi(listRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      return c.json(await listDocumentVersions(files, c.get('principal'), caseNumber), 200);
    })
    .openapi(generateRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const request = c.req.valid('json');
      const { document, created } = await generateCaseDocument(
        { ...files, centre: deps.settings.documentCentre ?? missingCentreSettings() },
        c.get('principal') as StaffPrincipal,
        {
          caseNumber,
          kind: request.kind,
          sessionNumber: request.sessionNumber,
          proposedSettlement: request.settlement,
          proposedFailure: request.failure,
        },
      );
      c.get('logger').info(
        { caseNumber, kind: document.kind, version: document.version, created },
        'document generated',
      );
      return c.json(document, created ? 201 : 200);
    })
    .openapi(downloadRoute, async (c) => {
      const { caseNumber, documentId } = c.req.valid('param');
      const principal = c.get('principal');
      const file = await downloadDocument(files, principal, caseNumber, documentId);
      c.get('logger').info(downloadLogFields(principal, file), 'file downloaded');
      return storedFileResponse(file) as never;
    })
    .openapi(signedScanRoute, async (c) => {
      const { caseNumber, documentId } = c.req.valid('param');
      const { document, created } = await recordSignedScan(
        files,
        c.get('principal') as StaffPrincipal,
        caseNumber,
        documentId,
        async () => {
          const upload = await readMultipartUpload(c, 'file', files.maxBytes);
          return { file: upload.file, shareWithReferrer: upload.fields.shareWithReferrer === 'true' };
        },
      );
      c.get('logger').info(
        { caseNumber, documentId, version: document.version, scan: document.signedScan?.attachmentId },
        'signed scan recorded',
      );
      return c.json(document, created ? 201 : 200);
    })
    .openapi(caseFileRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const principal = c.get('principal');
      const caseFile = await assembleCaseFile(files, principal, caseNumber);
      c.get('logger').info(
        {
          ...downloadLogFields(principal, { caseNumber, id: 'case-file' }),
          files: caseFile.entries.length,
        },
        'case file downloaded',
      );
      return new Response(caseFile.zip, {
        status: 200,
        headers: {
          'content-type': 'application/zip',
          'content-disposition': contentDisposition(`卷宗-${caseNumber}.zip`, `case-file-${caseNumber}.zip`),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
        },
      }) as never;
    });
}
