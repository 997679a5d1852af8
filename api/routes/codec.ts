import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { CodecEndpoint } from '../../http/dependencies.js';
import { decodePayloads, encodePayloads } from '../../use-cases/system/transcode-payloads.js';
import type { AppEnv } from '../context.js';
import { problems } from '../problem.js';
import { secureRoute } from '../route.js';

/**
 * Who may read payloads in clear through the Temporal UI: admins only. A decode request names no case
 * (the UI sends payloads and a namespace, nothing else), so it cannot be scoped to a unit or an assignee
 * as the API's case reads are (use-cases/cases/case-access.ts): only a role that reads every case's
 * personal data in full may use it. Of those, clerks read cases through the workbench, one case at a
 * time; the Temporal UI is the operators' console over every history, which is the admin's job.
 */
const codecAudience = ['admin'] as const;

/** Base64 as proto3 JSON writes bytes: standard or URL-safe alphabet, padding optional. */
const Base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64')
  .refine((text) => text.replace(/=+$/, '').length % 4 !== 1, 'must be base64');

const PayloadsBody = z
  .object({
    payloads: z
      .array(
        z.object({
          metadata: z.record(z.string(), Base64).nullish(),
          data: Base64.nullish(),
        }),
      )
      .max(10_000),
  })
  .strict();

const PayloadsAnswer = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()), data: z.string() })),
});

const NamespaceHeader = z.object({ 'x-namespace': z.string().min(1).max(255).optional() });

function codecRoute(verb: 'decode' | 'encode') {
  const decode = verb === 'decode';
  return secureRoute({
    hide: true,
    method: 'post',
    path: `/${verb}`,
    tags: ['operations'],
    operationId: decode ? 'decodeWorkflowPayloads' : 'encodeWorkflowPayloads',
    summary: decode ? '为 Temporal 界面解密流程数据' : '为 Temporal 界面加密流程数据',
    description: decode
      ? `Temporal 网页界面与命令行（codec server 协议）调用：把流程历史中加密的数据解密后返回，供系统管理员排查问题时查看。默认关闭（CODEC_ENDPOINT=on 时才存在），不改变任何数据；只记录调用者、命名空间与条数，不记录数据内容。`
      : `Temporal 网页界面与命令行（codec server 协议）调用：在界面发出信号或启动流程之前，用当前密钥加密其输入，使流程历史中不出现明文。默认关闭（CODEC_ENDPOINT=on 时才存在），不改变任何数据。`,
    access: codecAudience,
    refusals: decode ? ['validation_failed', 'payload_undecodable'] : ['validation_failed'],
    request: {
      headers: NamespaceHeader,
      body: { required: true, content: { 'application/json': { schema: PayloadsBody } } },
    },
    responses: {
      200: {
        description: 'The same payloads, decoded or encoded, in the same order',
        content: { 'application/json': { schema: PayloadsAnswer } },
      },
    },
  });
}

/**
 * Temporal's remote codec protocol (POST <base>/decode, <base>/encode; `{"payloads": [...]}` in and
 * out), mounted at /codec when CODEC_ENDPOINT=on. CORS and authentication are applied where it is
 * mounted (api/app.ts).
 */
export function codecRoutes(endpoint: CodecEndpoint) {
  const checkNamespace = (namespace: string | undefined) => {
    if (namespace !== undefined && namespace !== endpoint.namespace)
      throw problems.validation([
        {
          field: 'X-Namespace',
          in: 'header',
          reason: `this endpoint holds the keys of namespace "${endpoint.namespace}" only`,
        },
      ]);
  };
  return new OpenAPIHono<AppEnv>()
    .openapi(codecRoute('decode'), async (c) => {
      const namespace = c.req.valid('header')['x-namespace'];
      checkNamespace(namespace);
      const { payloads } = c.req.valid('json');
      const decoded = await decodePayloads(endpoint.codec, payloads);
      // An audit line with who (the request's logger names the principal), never what.
      c.var.logger.info(
        { namespace, payloads: decoded.length },
        'workflow payloads decoded for the Temporal UI',
      );
      return c.json({ payloads: decoded } as z.infer<typeof PayloadsAnswer>, 200);
    })
    .openapi(codecRoute('encode'), async (c) => {
      checkNamespace(c.req.valid('header')['x-namespace']);
      const { payloads } = c.req.valid('json');
      return c.json(
        { payloads: await encodePayloads(endpoint.codec, payloads) } as z.infer<typeof PayloadsAnswer>,
        200,
      );
    });
}
