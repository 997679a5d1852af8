import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSmsOutbox } from '../../system/sms-console.js';
import { queueSms, smsTemplates } from '../../use-cases/public/sms-outbox.js';
import { signInCitizen } from '../helpers/citizen-client.js';
import { eventually } from '../helpers/eventually.js';
import { createStaff, createUnit } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * Signing in to the public channel by phone and one-time code: what is stored, how many tries and
 * sends are allowed, what the cookies say, and that the phone number stays out of logs and URLs.
 */
describe('citizen sign-in by phone and one-time code', () => {
  const logged: string[] = [];
  let system: TestSystem;
  const phonesUsed = new Set<string>();

  async function requestCode(phone: string, headers: Record<string, string> = {}) {
    phonesUsed.add(phone);
    const response = await fetch(`${system.baseUrl}/my/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ phone }).toString(),
      redirect: 'manual',
    });
    const challenge = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('fst_citizen_challenge='));
    return {
      response,
      html: await response.text(),
      challenge: challenge?.split(';')[0],
      setCookie: challenge,
    };
  }
  async function sendCode(challenge: string | undefined, code: string) {
    const response = await fetch(`${system.baseUrl}/my/login/code`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(challenge ? { cookie: challenge } : {}),
      },
      body: new URLSearchParams({ code }).toString(),
      redirect: 'manual',
    });
    return { response, html: await response.text() };
  }
  async function outboxCode(phone: string): Promise<string> {
    const [row] = await system.database.sql<{ params: { code: string } }[]>`
      select params from sms_outbox where phone = ${phone} and template_id = 'FST_SIGN_IN_CODE'
      order by created_at desc limit 1`;
    return row!.params.code;
  }

  beforeAll(async () => {
    system = await startTestSystem({
      logger: pino({ level: 'debug' }, { write: (line: string) => void logged.push(line) }),
    });
    const unit = await createUnit(system.database.db);
    await createStaff(system.database.db, 'clerk', unit.id);
  });
  afterAll(() => system?.stop());

  it('keeps only a hash of the code, and the SMS payload in the outbox', async () => {
    const sent = await requestCode('138 0013 8000');
    expect([sent.response.status, sent.response.headers.get('location')]).toEqual([303, '/my/login/code']);
    expect(sent.setCookie).toMatch(/HttpOnly/);
    expect(sent.setCookie).toMatch(/Path=\/my\/login/);
    const code = await outboxCode('13800138000');
    expect(code).toMatch(/^\d{6}$/);
    const [outbox] = await system.database
      .sql`select template_id, phone, params from sms_outbox where phone = '13800138000'`;
    expect(outbox).toEqual({
      template_id: 'FST_SIGN_IN_CODE',
      phone: '13800138000',
      params: { code, minutes: '5' },
    });
    const stored = await system.database.sql<{ code_hash: string; valid_seconds: number }[]>`
      select code_hash, extract(epoch from expires_at - created_at)::int as valid_seconds
      from citizen_sign_in_codes where phone = '13800138000'`;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).not.toContain(code);
    expect(stored[0]!.code_hash).toMatch(/^[\w-]{43}$/);
    expect(stored[0]!.valid_seconds).toBe(300);

    const signedIn = await sendCode(sent.challenge, code);
    expect([signedIn.response.status, signedIn.response.headers.get('location')]).toEqual([303, '/my']);
    const session = signedIn.response.headers.getSetCookie().find((line) => line.startsWith('fst_citizen='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\/my/);
    const token = session!.split(';')[0]!.split('=')[1]!;
    const [row] = await system.database.sql<{ count: number }[]>`
      select count(*)::int as count from citizen_sessions where token_hash = ${token}`;
    expect(row!.count).toBe(0); // the table keeps a hash of the token, not the token

    // A code signs in once.
    const again = await sendCode(sent.challenge, code);
    expect(again.response.status).toBe(400);
    expect(again.html).toContain('验证码已失效');
  });

  it('allows 5 tries per code, then even the right code is refused', async () => {
    const sent = await requestCode('13800138001');
    const code = await outboxCode('13800138001');
    const wrong = code === '111111' ? '222222' : '111111';
    const left: string[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await sendCode(sent.challenge, wrong);
      expect(answer.response.status).toBe(400);
      left.push(/还可以再试 (\d) 次/.exec(answer.html)?.[1] ?? '');
    }
    expect(left).toEqual(['4', '3', '2', '1']);
    const fifth = await sendCode(sent.challenge, wrong);
    expect(fifth.html).toContain('验证码已失效');
    const right = await sendCode(sent.challenge, code);
    expect(right.response.status).toBe(400);
    expect(right.html).toContain('验证码已失效');
  });

  it('refuses a code past its 5 minutes', async () => {
    const sent = await requestCode('13800138002');
    const code = await outboxCode('13800138002');
    await system.database.sql`
      update citizen_sign_in_codes set expires_at = now() - interval '1 second' where phone = '13800138002'`;
    const late = await sendCode(sent.challenge, code);
    expect(late.response.status).toBe(400);
    expect(late.html).toContain('验证码已失效');
  });

  it('refuses a POST without the session’s CSRF token', async () => {
    const citizen = await signInCitizen(system, '13800138010', '127.0.0.2');
    phonesUsed.add('13800138010');
    const forged = await fetch(`${system.baseUrl}/my/logout`, {
      method: 'POST',
      headers: { cookie: citizen.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect((await citizen.get('/my')).status).toBe(200);
  });

  it('limits sends per phone (one a minute) and per client address (30 an hour)', async () => {
    const first = await requestCode('13800138003');
    expect(first.response.status).toBe(303);
    const second = await requestCode('13800138003');
    expect(second.response.status).toBe(429);
    expect(Number(second.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(second.html).toContain('获取验证码过于频繁');
    expect(second.html).toContain('value="13800138003"');

    // Every send from this address (127.0.0.1) so far counted; past 30 in the hour the address is stopped.
    let status = 303;
    for (let i = 0; i < 40 && status === 303; i++)
      status = (await requestCode(`1370000${String(1000 + i)}`)).response.status;
    expect(status).toBe(429);
    const [sent] = await system.database.sql<{ count: number }[]>`
      select count(*)::int as count from sms_outbox where template_id = 'FST_SIGN_IN_CODE'`;
    expect(sent!.count).toBe(30);
  });

  it('answers a bad phone number on the form, and refuses a foreign origin', async () => {
    const bad = await requestCode('12345', {});
    expect(bad.response.status).toBe(400);
    expect(bad.html).toContain('请输入11位手机号码（以1开头）');
    expect(bad.html).toContain('aria-invalid="true"');
    expect(bad.html).toContain('value="12345"');
    const forged = await requestCode('13800138009', { origin: 'https://evil.example' });
    expect(forged.response.status).toBe(403);
    const page = await fetch(`${system.baseUrl}/my/login`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('lang="zh-CN"');
  });

  it('never writes a phone number to the log', () => {
    expect(logged.length).toBeGreaterThan(0);
    const text = logged.join('\n');
    for (const phone of phonesUsed) {
      const digits = phone.replace(/\s/g, '');
      expect(text.includes(digits), digits).toBe(false);
      expect(text.includes(phone), phone).toBe(false);
    }
  });

  it('prints the outbox on the embedded default’s console once, the phone masked, and marks it sent', async () => {
    const printed: string[] = [];
    const stop = printSmsOutbox(system.database.db, (line) => printed.push(line), 50);
    try {
      const code = await outboxCode('13800138000');
      await eventually(() => (printed.some((line) => line.includes(code)) ? true : undefined));
      const [unsent] = await system.database.sql<{ count: number }[]>`
        select count(*)::int as count from sms_outbox where sent_at is null`;
      expect(unsent!.count).toBe(0);
      // Sends from this address are spent by now: a message queued after the printer started.
      await queueSms(system.database.db, smsTemplates.messageReply, '13600001234', {
        caseNumber: 'HLBE-2026-000001',
      });
      const line = await eventually(() => printed.find((candidate) => candidate.includes('136****1234')));
      expect(line).toBe('  SMS FST_MESSAGE_REPLY → 136****1234 {"caseNumber":"HLBE-2026-000001"}');
      expect(printed.filter((candidate) => candidate.includes(code))).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
