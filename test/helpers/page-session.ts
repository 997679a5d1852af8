import { csrfTokenFor, sessionCookie } from '../../pages/shared/session.js';
import { type TestUser, testTokenSecret } from './staff.js';
import type { TestSystem } from './test-system.js';

export interface PageAnswer {
  status: number;
  location: string | null;
  html: string;
  headers: Headers;
}

/**
 * A staff member's browser session on the pages without a browser: the session cookie the login sets
 * (the same signed token), the form's CSRF token, and redirects left for the test to read.
 */
export function pageSession(system: TestSystem, user: TestUser | undefined) {
  const cookie = user ? `${sessionCookie}=${user.token}` : undefined;
  const csrf = user ? csrfTokenFor(user.token, testTokenSecret) : '';
  async function send(method: string, path: string, form?: Record<string, string>): Promise<PageAnswer> {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: csrf, ...form }).toString();
    }
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body }),
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
      headers: response.headers,
    };
  }
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, form: Record<string, string> = {}) => send('POST', path, form),
    /** A POST without the session's CSRF token (a forged cross-site form). */
    postWithoutCsrf: async (path: string, form: Record<string, string>) => {
      const response = await fetch(`${system.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookie ? { cookie } : {}),
        },
        redirect: 'manual',
        body: new URLSearchParams(form).toString(),
      });
      return { status: response.status, html: await response.text() };
    },
  };
}

/** The text of an HTML page with tags dropped and whitespace folded, for reading what a person sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');
}
