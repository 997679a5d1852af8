import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, readEnvironment } from '../../config/env.js';
import { clientAddressFrom, noTrustedProxies, trustedProxiesFrom } from '../../http/client-address.js';
import type { LoginThrottle, LoginThrottleKey } from '../../use-cases/auth/login-throttle.js';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { requestFrom } from './http-from.js';

/**
 * Whose address the per-address login limit counts. Behind the centre's reverse proxy every request
 * comes from the proxy; only a proxy we trust may say who the client was, and a client that writes
 * its own X-Forwarded-For must not pick the address it is counted under.
 */
describe('the client address behind reverse proxies', () => {
  const proxies = trustedProxiesFrom(['10.0.0.0/8', '192.168.1.10', 'fd00::/8', '::ffff:172.16.0.0/108']);

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddressFrom('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
    expect(clientAddressFrom('203.0.113.9', '10.0.0.1', proxies)).toBe('203.0.113.9');
    // Without TRUSTED_PROXIES nobody is believed, not even loopback.
    expect(clientAddressFrom('127.0.0.1', '198.51.100.1', noTrustedProxies)).toBe('127.0.0.1');
  });

  it('takes the rightmost address that is not a trusted proxy, so a spoofed prefix is ignored', () => {
    expect(clientAddressFrom('10.1.2.3', '198.51.100.7', proxies)).toBe('198.51.100.7');
    // The client wrote "1.2.3.4" itself; our proxies appended what they saw, right of it.
    expect(clientAddressFrom('10.1.2.3', '1.2.3.4, 198.51.100.7, 192.168.1.10', proxies)).toBe(
      '198.51.100.7',
    );
    // A chain of nothing but our own proxies: the first of them is as far as anyone can tell.
    expect(clientAddressFrom('10.1.2.3', '10.9.9.9, 192.168.1.10', proxies)).toBe('10.9.9.9');
    // A trusted peer without the header is the client itself (a health check from the proxy).
    expect(clientAddressFrom('10.1.2.3', undefined, proxies)).toBe('10.1.2.3');
  });

  it('does not let a chain entry that is not an address stand for the client', () => {
    expect(clientAddressFrom('10.1.2.3', 'unknown', proxies)).toBe('10.1.2.3');
    expect(clientAddressFrom('10.1.2.3', '198.51.100.7, not-an-address, 10.2.2.2', proxies)).toBe('10.2.2.2');
    expect(clientAddressFrom('10.1.2.3', '198.51.100.7:4711', proxies)).toBe('198.51.100.7');
    expect(clientAddressFrom('10.1.2.3', '[2001:db8::5]:4711', proxies)).toBe('2001:db8::5');
  });

  it('handles IPv6 and IPv4-mapped IPv6 peers and entries as the IPv4 address they are', () => {
    expect(clientAddressFrom('fd00::1', '2001:DB8::7', proxies)).toBe('2001:db8::7');
    expect(clientAddressFrom('2001:db8::9', '198.51.100.7', proxies)).toBe('2001:db8::9');
    expect(clientAddressFrom('::ffff:10.0.0.5', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddressFrom('::ffff:127.0.0.1', '198.51.100.7', proxies)).toBe('127.0.0.1');
    expect(clientAddressFrom('10.0.0.5', '::ffff:198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddressFrom('172.16.3.4', '198.51.100.8', proxies)).toBe('198.51.100.8');
    expect(clientAddressFrom('::ffff:127.0.0.1', '198.51.100.7', trustedProxiesFrom(['127.0.0.1']))).toBe(
      '198.51.100.7',
    );
    expect(clientAddressFrom('::1', '198.51.100.7', trustedProxiesFrom(['::1']))).toBe('198.51.100.7');
  });

  it('reads TRUSTED_PROXIES as a comma-separated list and refuses what is not an address or range', () => {
    expect(readEnvironment({}).TRUSTED_PROXIES).toEqual([]);
    expect(readEnvironment({ TRUSTED_PROXIES: ' 10.0.0.0/8, ::1 ,' }).TRUSTED_PROXIES).toEqual([
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => readEnvironment({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(ConfigurationError);
    expect(() => readEnvironment({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => trustedProxiesFrom(['10.0.0.1/x'])).toThrow();
  });
});

describe('the login limits count the forwarded client over real HTTP', () => {
  const counted: string[] = [];
  /** Records the address of each attempt and refuses it, so no database is needed. */
  const recordingThrottle: LoginThrottle = {
    async begin(keys: readonly LoginThrottleKey[]) {
      counted.push(keys.find((key) => key.kind === 'address')!.value);
      return { retryAfterSeconds: 60, attempt: { keys, at: Date.now() } };
    },
    async succeeded() {},
  };
  let server: ServerType;
  let baseUrl: string;

  beforeAll(async () => {
    const app = createAppWithoutTemporal(undefined, {
      loginThrottle: recordingThrottle,
      settings: { trustedProxies: ['127.0.0.1'] },
    });
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server?.close(() => resolve());
      }),
  );

  it('believes the trusted proxy and ignores the header from anyone else', async () => {
    const logIn = (localAddress: string, forwardedFor: string) =>
      requestFrom(`${baseUrl}/v1/auth/token`, {
        localAddress,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ username: 'someone', password: 'something' }),
      });
    expect((await logIn('127.0.0.1', '9.9.9.9, 203.0.113.5')).status).toBe(429);
    expect((await logIn('127.0.0.2', '203.0.113.5')).status).toBe(429);
    const page = await requestFrom(`${baseUrl}/dashboard/login`, {
      localAddress: '127.0.0.1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.6' },
      body: 'username=someone&password=something',
    });
    expect(page.status).toBe(429);
    expect(counted).toEqual(['203.0.113.5', '127.0.0.2', '203.0.113.6']);
  });
});
