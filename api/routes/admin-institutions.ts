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
  summary: 'List courts, procuratorates and police stations',
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
  summary: 'Register a court, procuratorate or police station as a client',
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
  summary: 'An institution’s API keys (ids and dates only)',
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
  summary: 'Issue an API key: the whole key is in this response and never again',
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
  summary: 'Revoke an API key: requests with it are refused from now on',
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
  summary: 'The secret this institution verifies our signed callbacks with (HMAC-SHA256; see README)',
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
