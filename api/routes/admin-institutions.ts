import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { createInstitution } from '../../use-cases/admin/create-institution.js';
import { listInstitutions } from '../../use-cases/admin/list-institutions.js';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../use-cases/admin/manage-api-keys.js';
import { revealCallbackSecret } from '../../use-cases/admin/reveal-callback-secret.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  ApiKeyParams,
  ApiKeySchema,
  CreateInstitutionBody,
  IdParam,
  InstitutionListQuery,
  InstitutionSchema,
  IssueApiKeyBody,
  IssuedApiKeySchema,
} from '../schemas/admin-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['admin: institutions'];

const listInstitutionsRoute = secureRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listInstitutions',
  summary: '查询对接机构（法院、检察院、派出所）',
  description: `系统管理员查看已登记的对接机构及其回调地址。只读。`,
  refusals: [],
  access: ['admin'],
  request: { query: InstitutionListQuery },
  responses: {
    200: json(z.object({ items: z.array(InstitutionSchema) }), 'Institutions by code'),
    ...standardProblems,
  },
});

const createInstitutionRoute = secureRoute({
  method: 'post',
  path: '/',
  tags,
  operationId: 'createInstitution',
  summary: '登记对接机构',
  description: `系统管理员登记一个人民法院、人民检察院或公安派出所，使其可以取得 API 密钥调用对接接口。
可填回调地址（\`callbackUrl\`）：须为 https，且不得指向本机、内网、链路本地、共享地址或保留地址（如政务内网确需使用，须由运维人员通过 \`CALLBACK_ALLOWED_HOSTS\` 加入允许名单），否则 422 并指明 \`callbackUrl\`。编码重复时 409。`,
  refusals: ['already_exists', 'callback_url_forbidden'],
  access: ['admin'],
  request: {
    body: { required: true, content: { 'application/json': { schema: CreateInstitutionBody } } },
  },
  responses: {
    201: json(InstitutionSchema, 'Created'),
    409: problemResponseSpec('The code is taken'),
    ...standardProblems,
  },
});

const listApiKeysRoute = secureRoute({
  method: 'get',
  path: '/{id}/api-keys',
  tags,
  operationId: 'listApiKeys',
  summary: '查询某机构的 API 密钥',
  description: `系统管理员查看某机构的全部密钥：标识、备注、签发与吊销时间。不含密钥本身（系统只保存其散列）。只读。`,
  refusals: ['not_found'],
  access: ['admin'],
  request: { params: IdParam },
  responses: {
    200: json(z.object({ items: z.array(ApiKeySchema) }), 'Keys, oldest first'),
    404: problemResponseSpec('No such institution'),
    ...standardProblems,
  },
});

const issueApiKeyRoute = secureRoute({
  method: 'post',
  path: '/{id}/api-keys',
  tags,
  operationId: 'issueApiKey',
  summary: '为某机构签发 API 密钥',
  description: `系统管理员为机构签发新密钥（例如轮换时先签发新密钥、再吊销旧密钥）。完整密钥只在本次应答中出现一次，请立即安全地交给机构；系统只保存其散列。`,
  refusals: ['not_found'],
  access: ['admin'],
  request: {
    params: IdParam,
    body: { required: false, content: { 'application/json': { schema: IssueApiKeyBody } } },
  },
  responses: {
    201: json(IssuedApiKeySchema, 'Issued'),
    404: problemResponseSpec('No such institution'),
    ...standardProblems,
  },
});

const revokeApiKeyRoute = secureRoute({
  method: 'delete',
  path: '/{id}/api-keys/{keyId}',
  tags,
  operationId: 'revokeApiKey',
  summary: '吊销某机构的 API 密钥',
  description: `系统管理员吊销一把密钥：自此之后使用该密钥的请求一律 401。`,
  refusals: ['not_found'],
  access: ['admin'],
  request: { params: ApiKeyParams },
  responses: {
    200: json(ApiKeySchema, 'The revoked key'),
    404: problemResponseSpec('No such key for this institution'),
    ...standardProblems,
  },
});

const callbackSecretRoute = secureRoute({
  method: 'get',
  path: '/{id}/callback-secret',
  tags,
  operationId: 'revealCallbackSecret',
  summary: '查询某机构核验回调签名所用的密钥',
  description: `系统管理员取得某机构用于核验本系统回调签名的共享密钥（HMAC-SHA256，签名方式见 README“Outbound deliveries”），交给该机构的技术部门配置。
运维未配置 \`CALLBACK_SIGNING_KEY\` 时 503 \`not_configured\`。`,
  refusals: ['not_found', 'not_configured'],
  access: ['admin'],
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: {
    200: json(
      z.object({ institutionId: z.string(), algorithm: z.literal('HMAC-SHA256'), secret: z.string() }),
      'The shared secret; hand it to the institution over a trusted channel',
    ),
    404: problemResponseSpec('No such institution'),
    ...standardProblems,
  },
});

/** /v1/admin/institutions */
export function adminInstitutionRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(listInstitutionsRoute, async (c) => {
      return c.json({ items: await listInstitutions(db, c.req.valid('query')) }, 200);
    })
    .openapi(createInstitutionRoute, async (c) => {
      const institution = await createInstitution(db, c.req.valid('json'), deps.settings.outbound);
      c.get('logger').info({ institutionId: institution.id, kind: institution.kind }, 'institution created');
      return c.json(institution, 201);
    })
    .openapi(listApiKeysRoute, async (c) =>
      c.json({ items: await listApiKeys(db, c.req.valid('param').id) }, 200),
    )
    .openapi(issueApiKeyRoute, async (c) => {
      const { id } = c.req.valid('param');
      const issued = await issueApiKey(db, id, c.req.valid('json').label);
      c.get('logger').info({ institutionId: id, keyId: issued.keyId }, 'API key issued');
      c.header('cache-control', 'no-store');
      return c.json(issued, 201);
    })
    .openapi(callbackSecretRoute, async (c) => {
      const { id } = c.req.valid('param');
      const revealed = await revealCallbackSecret(db, deps.settings.callbackSigningKey, id);
      c.header('cache-control', 'no-store');
      c.get('logger').info({ institutionId: id }, 'callback secret revealed');
      return c.json(revealed, 200);
    })
    .openapi(revokeApiKeyRoute, async (c) => {
      const { id, keyId } = c.req.valid('param');
      const revoked = await revokeApiKey(db, id, keyId);
      c.get('logger').info({ institutionId: id, keyId }, 'API key revoked');
      return c.json(revoked, 200);
    });
}
