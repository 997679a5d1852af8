import type { TestSystem } from './test-system.js';

export interface CitizenAnswer {
  status: number;
  location: string | null;
  html: string;
}

/**
 * A citizen's phone on the public pages without a browser: signs in with the code the SMS outbox
 * holds, then GETs pages and POSTs forms with the session cookie and the CSRF token the pages carry.
 * `forwardedFor` names the phone's own address behind a trusted proxy (the test system must trust
 * loopback), so many citizens on one loopback are many clients.
 */
export async function signInCitizen(system: TestSystem, phone: string, forwardedFor: string) {
  const base = { 'x-forwarded-for': forwardedFor };
  const requested = await fetch(`${system.baseUrl}/my/login`, {
    method: 'POST',
    headers: { ...base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ phone }).toString(),
    redirect: 'manual',
  });
  if (requested.status !== 303) throw new Error(`code request answered ${requested.status}`);
  const challenge = cookieOf(requested, 'fst_citizen_challenge');
  const [row] = await system.database.sql<{ params: { code: string } }[]>`
    select params from sms_outbox where phone = ${phone} and template_id = 'FST_SIGN_IN_CODE'
    order by created_at desc limit 1`;
  const verified = await fetch(`${system.baseUrl}/my/login/code`, {
    method: 'POST',
    headers: { ...base, 'content-type': 'application/x-www-form-urlencoded', cookie: challenge },
    body: new URLSearchParams({ code: row!.params.code }).toString(),
    redirect: 'manual',
  });
  if (verified.status !== 303) throw new Error(`code check answered ${verified.status}`);
  const cookie = cookieOf(verified, 'fst_citizen');
  let csrf = '';

  async function send(method: string, path: string, form?: Record<string, string>): Promise<CitizenAnswer> {
    const headers: Record<string, string> = { ...base, cookie };
    let body: string | undefined;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: csrf, ...form }).toString();
    }
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body }),
    });
    const html = await response.text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? csrf;
    return { status: response.status, location: response.headers.get('location'), html };
  }
  await send('GET', '/my');
  return {
    /** `fst_citizen=<token>`: the session cookie, for probing other routes with it. */
    cookie,
    get: (path: string) => send('GET', path),
    post: (path: string, form: Record<string, string>) => send('POST', path, form),
  };
}

export type CitizenClient = Awaited<ReturnType<typeof signInCitizen>>;

function cookieOf(response: Response, name: string): string {
  const found = response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie`);
  return found.split(';')[0]!;
}
