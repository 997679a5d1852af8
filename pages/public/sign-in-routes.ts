import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { mobileNumberOf } from '../../domain/mobile-phone.js';
import type { HttpVariables } from '../../http/context.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { requestSignInCode, signInCodeMinutes } from '../../use-cases/public/request-sign-in-code.js';
import { verifySignInCode } from '../../use-cases/public/verify-sign-in-code.js';
import { sameOrigin } from '../shared/session.js';
import { formValuesOf } from '../workbench/form-values.js';
import { challengeCookie, isHttps, largeTextOf, setCitizenCookie } from './citizen-session.js';
import { publicMessagePage } from './layout.js';
import { codePage, phonePage } from './sign-in-pages.js';

const challengePath = '/my/login';

/**
 * GET/POST /my/login (the phone), GET/POST /my/login/code (the code). The challenge between the two
 * steps is an HttpOnly cookie holding the challenge's id; the phone never appears in a URL or a log.
 */
export function signInRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const secret = deps.settings.tokenSecret;
  const app = new Hono<{ Variables: HttpVariables }>();

  const refusedOrigin = (c: Context<{ Variables: HttpVariables }>) =>
    c.html(
      publicMessagePage({
        title: '请求被拒绝',
        message: '请从本站的登录页面登录。',
        largeText: largeTextOf(c),
        back: '/my/login',
      }),
      403,
    );

  app.get('/login', (c) => c.html(phonePage({ largeText: largeTextOf(c), values: {}, errors: {} })));

  app.post('/login', async (c) => {
    if (!sameOrigin(c)) return refusedOrigin(c);
    const values = formValuesOf(await c.req.parseBody());
    const phone = mobileNumberOf(values.phone ?? '');
    const largeText = largeTextOf(c);
    if (!phone)
      return c.html(
        phonePage({ largeText, values, errors: { phone: '请输入11位手机号码（以1开头）' } }),
        400,
      );
    const sent = await requestSignInCode({ db, secret }, { phone, clientAddress: c.get('clientAddress') });
    if ('retryAfterSeconds' in sent) {
      c.get('logger').info({ retryAfterSeconds: sent.retryAfterSeconds }, 'sign-in code throttled');
      c.header('retry-after', String(sent.retryAfterSeconds));
      const wait =
        sent.retryAfterSeconds < 120
          ? `${sent.retryAfterSeconds} 秒`
          : `${Math.ceil(sent.retryAfterSeconds / 60)} 分钟`;
      return c.html(
        phonePage({ largeText, values, errors: {}, problem: `获取验证码过于频繁，请 ${wait}后再试。` }),
        429,
      );
    }
    setCookie(c, challengeCookie, sent.challengeId, {
      path: challengePath,
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c),
      maxAge: signInCodeMinutes * 60,
    });
    return c.redirect('/my/login/code', 303);
  });

  app.get('/login/code', (c) => {
    if (!getCookie(c, challengeCookie)) return c.redirect('/my/login', 303);
    return c.html(codePage({ largeText: largeTextOf(c), values: {}, errors: {} }));
  });

  app.post('/login/code', async (c) => {
    if (!sameOrigin(c)) return refusedOrigin(c);
    const values = formValuesOf(await c.req.parseBody());
    const largeText = largeTextOf(c);
    const code = (values.code ?? '').replace(/\s/g, '');
    if (!/^\d{6}$/.test(code))
      return c.html(codePage({ largeText, values, errors: { code: '验证码为6位数字' } }), 400);
    const challengeId = getCookie(c, challengeCookie) ?? '';
    const outcome = await verifySignInCode({ db, secret }, { challengeId, code });
    if (outcome.outcome === 'wrong-code')
      return c.html(
        codePage({ largeText, values, errors: { code: `验证码不正确，还可以再试 ${outcome.triesLeft} 次` } }),
        400,
      );
    if (outcome.outcome === 'expired') {
      deleteCookie(c, challengeCookie, { path: challengePath, secure: isHttps(c) });
      return c.html(
        publicMessagePage({
          title: '验证码已失效',
          message: '验证码已过期、已使用或输错次数过多，请重新获取。',
          largeText,
          back: '/my/login',
        }),
        400,
      );
    }
    deleteCookie(c, challengeCookie, { path: challengePath, secure: isHttps(c) });
    setCitizenCookie(c, outcome.token, outcome.maxAgeSeconds);
    return c.redirect('/my', 303);
  });

  return app;
}
