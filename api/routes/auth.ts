import { OpenAPIHono, z } from '@hono/zod-openapi';
import { Refusal } from '../../domain/refusals.js';
import { staffRoles } from '../../domain/vocabulary.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { checkLogin } from '../../use-cases/auth/check-login.js';
import type { LoginThrottle } from '../../use-cases/auth/login-throttle.js';
import { issueToken } from '../../use-cases/auth/tokens.js';
import { usernameFingerprint } from '../../use-cases/auth/username-fingerprint.js';
import type { AppEnv } from '../context.js';
import { problems } from '../problem.js';
import { problemResponseSpec, publicRoute } from '../route.js';

const LoginBody = z
  .object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) })
  .strict()
  .openapi('Login');

const TokenSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresAt: z.string().datetime({ offset: true }),
    user: z.object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: z.enum(staffRoles),
      unitId: z.string().nullable(),
    }),
  })
  .openapi('Token');

const loginRoute = publicRoute({
  method: 'post',
  path: '/token',
  tags: ['auth'],
  operationId: 'issueToken',
  summary: '工作人员登录，取得访问令牌',
  description: `工作人员（窗口受理员、调解员、中心负责人、系统管理员）以用户名和密码登录，取得一个有时效的签名令牌（Bearer），用于调用其他接口；对接机构不使用此接口，而使用系统管理员签发的 API 密钥。
用户名不存在与密码错误的应答完全相同。失败次数受限：同一用户名在同一地址 15 分钟内失败 5 次、同一地址 15 分钟内失败 20 次，或同一用户名一小时内在各处累计失败 100 次后，须按 \`Retry-After\` 等待（429；累计限制为逐次加倍的等待，最长 5 分钟，不会锁死账号）。
重置密码或停用账号后，此前签发的令牌立即失效。`,
  refusals: ['authentication_required', 'too_many_login_attempts'],
  request: { body: { required: true, content: { 'application/json': { schema: LoginBody } } } },
  responses: {
    200: {
      description: 'A signed, expiring token',
      content: { 'application/json': { schema: TokenSchema } },
    },
    400: problemResponseSpec('Malformed request'),
    401: problemResponseSpec('Wrong username or password'),
    429: {
      ...problemResponseSpec(
        'Too many failed logins for this username or from this address; see Retry-After',
      ),
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    },
  },
});

export function authRoutes(deps: AppDependencies, loginThrottle: LoginThrottle) {
  return new OpenAPIHono<AppEnv>().openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json');
    const clientAddress = c.get('clientAddress');
    const check = await checkLogin(
      { db: deps.database.db, loginThrottle },
      { username, password, clientAddress },
    );
    if (check.outcome === 'throttled') {
      c.get('logger').warn(
        { usernameSha256: usernameFingerprint(username), clientAddress },
        'login throttled',
      );
      throw new Refusal('too_many_login_attempts', {
        detail: `Try again in ${check.retryAfterSeconds} s.`,
        retryAfterSeconds: check.retryAfterSeconds,
      });
    }
    if (check.outcome === 'refused') {
      c.get('logger').info({ usernameSha256: usernameFingerprint(username), clientAddress }, 'login refused');
      throw problems.unauthenticated('Wrong username or password.');
    }
    const { user } = check;
    const { token, expiresAt } = issueToken({
      userId: user.id,
      role: user.role,
      unitId: user.unitId,
      tokenVersion: user.tokenVersion,
      secret: deps.settings.tokenSecret,
      ttlSeconds: deps.settings.tokenTtlSeconds,
    });
    return c.json(
      {
        accessToken: token,
        tokenType: 'Bearer' as const,
        expiresAt: expiresAt.toISOString(),
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          unitId: user.unitId,
        },
      },
      200,
    );
  });
}
