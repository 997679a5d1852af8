import { describe, expect, it } from 'vitest';
import { ConfigurationError, readEnvironment } from '../../../config/env.js';
import {
  checkOutboundUrl,
  checkResolvedAddress,
  type OutboundPolicy,
  strictOutboundPolicy,
} from '../../../lib/outbound-url.js';
import { outboundPolicyFrom } from '../../../system/outbound-policy.js';

const demo: OutboundPolicy = { allowHttp: true, allowedHosts: [] };
const refusedBy = (url: string, policy: OutboundPolicy = demo) => {
  const checked = checkOutboundUrl(url, policy);
  return checked.ok ? undefined : checked.reason;
};

describe('callback URLs: where the system may send a request of its own', () => {
  it('takes https to a public host, and plain http only in the embedded demo', () => {
    expect(refusedBy('https://court.example.cn/feisutong', strictOutboundPolicy)).toBeUndefined();
    expect(refusedBy('https://203.0.113.7:8443/x', strictOutboundPolicy)).toBeUndefined();
    expect(refusedBy('http://court.example.cn/feisutong', strictOutboundPolicy)).toBe('must be an https URL');
    expect(refusedBy('http://court.example.cn/feisutong', demo)).toBeUndefined();
    expect(refusedBy('ftp://court.example.cn/', demo)).toBe('must be an http(s) URL');
    expect(refusedBy('https://user:secret@court.example.cn/', demo)).toMatch(/user name or password/);
    expect(refusedBy('not a url', demo)).toBe('is not a URL');
  });

  it.each([
    'http://127.0.0.1:8080/',
    'http://127.9.9.9/',
    'http://[::1]/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://172.31.255.254/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd00:ec2::254]/',
    'http://100.64.0.1/',
    'http://100.100.100.200/latest/meta-data/',
    'http://0.0.0.0/',
    'http://0/',
    'http://[::]/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0x7f.1/',
    'http://017700000001/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[64:ff9b::10.0.0.1]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://localhost:3000/',
    'http://LOCALHOST./',
    'http://api.localhost/',
  ])('refuses %s, however the address is written', (url) => {
    expect(refusedBy(url)).toMatch(/must not point at/);
  });

  it('lets an admin allow-list a host name or an address range', () => {
    const intranet: OutboundPolicy = {
      allowHttp: false,
      allowedHosts: ['court.intranet.gov.cn', '10.20.0.0/16', '127.0.0.1', 'fd12::/16'],
    };
    expect(refusedBy('https://court.intranet.gov.cn/cb', intranet)).toBeUndefined();
    expect(refusedBy('https://COURT.intranet.gov.cn./cb', intranet)).toBeUndefined();
    expect(refusedBy('https://10.20.3.4/cb', intranet)).toBeUndefined();
    expect(refusedBy('https://2130706433/cb', intranet)).toBeUndefined(); // 127.0.0.1, allowed
    expect(refusedBy('https://[fd12::5]/cb', intranet)).toBeUndefined();
    expect(refusedBy('https://10.21.3.4/cb', intranet)).toMatch(/must not point at/);
    expect(refusedBy('https://127.0.0.2/cb', intranet)).toMatch(/must not point at/);
    expect(refusedBy('http://10.20.3.4/cb', intranet)).toBe('must be an https URL');
  });

  it('checks what a host name resolved to: public, or allow-listed by name or address', () => {
    expect(checkResolvedAddress(strictOutboundPolicy, 'court.example.cn', '203.0.113.7')).toBeUndefined();
    expect(checkResolvedAddress(strictOutboundPolicy, 'court.example.cn', '2001:db8::7')).toBeUndefined();
    expect(checkResolvedAddress(strictOutboundPolicy, 'rebind.example', '127.0.0.1')).toMatch(
      /rebind\.example resolves to 127\.0\.0\.1/,
    );
    expect(checkResolvedAddress(strictOutboundPolicy, 'meta.example', '169.254.169.254')).toBeDefined();
    expect(checkResolvedAddress(strictOutboundPolicy, 'six.example', '::ffff:10.0.0.1')).toBeDefined();
    const intranet = { allowHttp: false, allowedHosts: ['court.intranet.gov.cn', '10.20.0.0/16'] };
    expect(checkResolvedAddress(intranet, 'court.intranet.gov.cn', '10.9.9.9')).toBeUndefined();
    expect(checkResolvedAddress(intranet, 'other.example', '10.20.1.1')).toBeUndefined();
    expect(checkResolvedAddress(intranet, 'other.example', '10.21.1.1')).toBeDefined();
  });
});

describe('the outbound policy from the environment', () => {
  it('allows plain http by default only in the embedded demo, and reads the allow-list', () => {
    const env = readEnvironment({ CALLBACK_ALLOWED_HOSTS: ' court.intranet.gov.cn, 10.20.0.0/16 ,fd12::1' });
    expect(outboundPolicyFrom(env, { embedded: true })).toEqual({
      allowHttp: true,
      allowedHosts: ['court.intranet.gov.cn', '10.20.0.0/16', 'fd12::1'],
    });
    expect(outboundPolicyFrom(env, { embedded: false }).allowHttp).toBe(false);
    const explicit = readEnvironment({ ALLOW_HTTP_CALLBACKS: 'false' });
    expect(outboundPolicyFrom(explicit, { embedded: true })).toEqual({ allowHttp: false, allowedHosts: [] });
    expect(() => readEnvironment({ CALLBACK_ALLOWED_HOSTS: 'http://court.example.cn/' })).toThrow(
      /CALLBACK_ALLOWED_HOSTS/,
    );
    expect(() => readEnvironment({ ALLOW_HTTP_CALLBACKS: 'yes' })).toThrow(ConfigurationError);
  });
});
