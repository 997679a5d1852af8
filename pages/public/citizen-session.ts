import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../../db/client.js';
import type { HttpVariables } from '../../http/context.js';
import {
  type CitizenPrincipal,
  citizenOfSession,
  endCitizenSession,
} from '../../use-cases/public/citizen-session.js';
import { sameOrigin } from '../shared/session.js';

/**
 * The citizen's session on the public pages (/my): a random token in an HttpOnly cookie scoped to /my
 * (the table keeps its hash). It is a different cookie, path and principal from the staff session, so
 * it never reaches /dashboard or the API.
 *
 * SameSite=Lax, not Strict: the pages are opened from a WeChat 公众号 menu or another site's link, and
 * a Strict cookie would be left off that first navigation (the citizen would seem signed out). Lax still
 * keeps it off cross-site POSTs, and every POST also carries the session's CSRF token (an HMAC of the
 * session token) and must come from our own origin when the browser names one, as on the dashboard.
 */
export const citizenCookie = 'fst_citizen';
export const challengeCookie = 'fst_citizen_challenge';
export const publicPath = '/my';
export const textSizeCookie = 'fst_text';

export interface PublicEnv {
  Variables: HttpVariables & {
    citizen: CitizenPrincipal;
    csrfToken: string;
    largeText: boolean;
  };
}

export const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export function citizenCsrfToken(sessionToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`citizen-csrf:${sessionToken}`).digest('base64url');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function setCitizenCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, citizenCookie, token, {
    path: publicPath,
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    maxAge: maxAgeSeconds,
  });
}

export async function signOut(c: Context, db: Database): Promise<void> {
  const token = getCookie(c, citizenCookie);
  if (token) await endCitizenSession(db, token);
  deleteCookie(c, citizenCookie, { path: publicPath, secure: isHttps(c) });
}

/** The large-text switch (适老化), kept in a cookie so every page renders with it. */
export const largeTextOf = (c: Context) => getCookie(c, textSizeCookie) === 'large';

/**
 * Pages behind the sign-in: without a session a GET goes to the sign-in page, anything else is refused.
 * POSTs must carry the session's CSRF token and come from our origin.
 */
export function requireCitizen(
  settings: { db: Database; secret: string },
  onRefused: (c: Context<PublicEnv>, why: 'sign-in' | 'csrf') => Response | Promise<Response>,
) {
  return createMiddleware<PublicEnv>(async (c, next) => {
    c.set('largeText', largeTextOf(c));
    const token = getCookie(c, citizenCookie);
    const citizen = token ? await citizenOfSession(settings.db, token) : undefined;
    if (!token || !citizen) {
      if (token) deleteCookie(c, citizenCookie, { path: publicPath, secure: isHttps(c) });
      return onRefused(c, 'sign-in');
    }
    const csrfToken = citizenCsrfToken(token, settings.secret);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const form = await c.req.parseBody();
      const given = typeof form._csrf === 'string' ? form._csrf : '';
      if (!sameOrigin(c) || !sameToken(given, csrfToken)) return onRefused(c, 'csrf');
    }
    c.set('citizen', citizen);
    c.set('csrfToken', csrfToken);
    await next();
  });
}
