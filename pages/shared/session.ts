import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../../db/client.js';
import type { HttpVariables } from '../../http/context.js';
import { checkLogin } from '../../use-cases/auth/check-login.js';
import type { LoginThrottle } from '../../use-cases/auth/login-throttle.js';
import type { StaffPrincipal } from '../../use-cases/auth/principal.js';
import { staffOfToken } from '../../use-cases/auth/resolve-credential.js';
import { issueToken } from '../../use-cases/auth/tokens.js';

/**
 * The dashboard's session: the same signed staff token the API issues (use-cases/auth/tokens.ts), kept in an
 * HttpOnly, SameSite=Strict cookie scoped to /dashboard. Each request checks the token and, like the
 * API's authentication, the account as it is now: a disabled account, or a session from
 * before a password reset, is logged out.
 *
 * CSRF: SameSite=Strict keeps the cookie off cross-site requests, and every POST form also carries a
 * per-session token (an HMAC of the session token) and must come from our own origin when the browser
 * names one.
 */
export const sessionCookie = 'fst_dashboard';
export const dashboardPath = '/dashboard';

export interface DashboardUser extends StaffPrincipal {
  displayName: string;
  username: string;
}

export interface DashboardEnv {
  Variables: HttpVariables & {
    principal: StaffPrincipal;
    user: DashboardUser;
    /** The session's token (the same signed staff token the API takes). */
    sessionToken: string;
    csrfToken: string;
  };
}

interface SessionSettings {
  db: Database;
  tokenSecret: string;
  tokenTtlSeconds: number;
}

/** What every page template needs of the session. */
export function sessionOf(c: Context<DashboardEnv>): { user: DashboardUser; csrfToken: string } {
  return { user: c.get('user'), csrfToken: c.get('csrfToken') };
}

/** A path of the dashboard itself, or the fallback: redirects never leave the site (no open redirect). */
export function dashboardPathOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/dashboard(\/[\w\-/?=&%.]*)?$/.test(value) && !value.includes('..')
    ? value
    : fallback;
}

export function csrfTokenFor(sessionToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`dashboard-csrf:${sessionToken}`).digest('base64url');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** A browser's Origin (or Referer) must be our own; a request that names none is a same-origin form or not a browser. */
export function sameOrigin(c: Context): boolean {
  const own = new URL(c.req.url);
  const host = c.req.header('host') ?? own.host;
  const named = c.req.header('origin') ?? c.req.header('referer');
  if (named === undefined) return true;
  try {
    return new URL(named).host === host;
  } catch {
    return false;
  }
}

/**
 * Check a username and password as POST /v1/auth/token does, under the same failed-login limits; on
 * success set the session cookie.
 */
export async function logIn(
  c: Context<DashboardEnv>,
  settings: SessionSettings & { loginThrottle: LoginThrottle },
  username: string,
  password: string,
): Promise<DashboardUser | { retryAfterSeconds: number } | undefined> {
  const check = await checkLogin(
    { db: settings.db, loginThrottle: settings.loginThrottle },
    { username, password, clientAddress: c.get('clientAddress') },
  );
  if (check.outcome === 'throttled') return { retryAfterSeconds: check.retryAfterSeconds };
  if (check.outcome === 'refused') return undefined;
  const { user } = check;
  const { token } = issueToken({
    userId: user.id,
    role: user.role,
    unitId: user.unitId,
    tokenVersion: user.tokenVersion,
    secret: settings.tokenSecret,
    ttlSeconds: settings.tokenTtlSeconds,
  });
  setCookie(c, sessionCookie, token, {
    path: dashboardPath,
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    maxAge: settings.tokenTtlSeconds,
  });
  return {
    kind: 'staff',
    userId: user.id,
    role: user.role,
    unitId: user.unitId,
    displayName: user.displayName,
    username: user.username,
  };
}

export function logOut(c: Context): void {
  deleteCookie(c, sessionCookie, { path: dashboardPath, secure: isHttps(c) });
}

async function userOfSession(settings: SessionSettings, token: string): Promise<DashboardUser | undefined> {
  const resolved = await staffOfToken(settings.db, settings.tokenSecret, token);
  return resolved.ok ? resolved.principal : undefined;
}

/**
 * Pages behind the login: without a valid session a GET goes to the login page (and back afterwards),
 * anything else is refused. POSTs must carry the session's CSRF token and come from our origin.
 */
export function requireSession(
  settings: SessionSettings,
  onRefused: (c: Context<DashboardEnv>, why: 'login' | 'csrf') => Response | Promise<Response>,
) {
  return createMiddleware<DashboardEnv>(async (c, next) => {
    const token = getCookie(c, sessionCookie);
    const user = token ? await userOfSession(settings, token) : undefined;
    if (!token || !user) {
      if (token) logOut(c);
      return onRefused(c, 'login');
    }
    const csrfToken = csrfTokenFor(token, settings.tokenSecret);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const form = await c.req.parseBody();
      const given = typeof form._csrf === 'string' ? form._csrf : '';
      if (!sameOrigin(c) || !sameToken(given, csrfToken)) return onRefused(c, 'csrf');
    }
    const { displayName: _name, username: _username, ...principal } = user;
    c.set('principal', principal);
    c.set('user', user);
    c.set('sessionToken', token);
    c.set('csrfToken', csrfToken);
    await next();
  });
}
