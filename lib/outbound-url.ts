import { BlockList, isIP } from 'node:net';

/**
 * Where the system may send HTTP requests of its own (institutions' callback URLs, the notification
 * webhook). A callback URL comes from outside (a court's referral, an admin's form), so without rules
 * every API key would be a way to make our servers call addresses only they can reach: loopback,
 * the private network, a cloud's metadata service. The rules:
 *
 * - https only, unless `allowHttp` (ALLOW_HTTP_CALLBACKS; the embedded demo of `npm start` sets it);
 * - no loopback, private, link-local, shared (CGNAT), multicast or reserved address, however it is
 *   written (http://2130706433/, http://0x7f.1/ and http://[::ffff:7f00:1]/ are all 127.0.0.1, as
 *   the URL parser reads them), unless an admin allow-lists the host name or an address range
 *   (CALLBACK_ALLOWED_HOSTS);
 * - a host name is checked again when it is resolved for the connection (lib/outbound-post.ts), and
 *   the connection goes to the address that was checked.
 */
export interface OutboundPolicy {
  /** Plain http is allowed (the embedded demo); otherwise https only. */
  allowHttp: boolean;
  /** Host names (exact, case-insensitive) and IP addresses or CIDR ranges an admin allows anyway. */
  allowedHosts: readonly string[];
}

/** What production gets when nothing is configured: https to public addresses only. */
export const strictOutboundPolicy: OutboundPolicy = { allowHttp: false, allowedHosts: [] };

/** Addresses no callback may reach unless allow-listed. */
const forbiddenRanges: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // shared address space (CGNAT); Alibaba Cloud's metadata is 100.100.100.200
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, with the usual metadata service at 169.254.169.254
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and the broadcast address
  ['::', 96, 'ipv6'], // unspecified, loopback (::1) and the old IPv4-compatible form
  ['fc00::', 7, 'ipv6'], // unique local (private)
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const forbidden = new BlockList();
for (const [network, prefix, type] of forbiddenRanges) forbidden.addSubnet(network, prefix, type);

/** An IPv4 address carried inside an IPv6 one (::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d), or undefined. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1]!, 16);
  const low = Number.parseInt(hex[2]!, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function withoutBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Why an address may not be reached, or undefined when it may. */
export function forbiddenAddressReason(address: string): string | undefined {
  const plain = withoutBrackets(address);
  const family = isIP(plain);
  if (family === 0) return 'is not an IP address';
  const ipv4 = family === 4 ? plain : embeddedIpv4(plain);
  const blocked = ipv4 ? forbidden.check(ipv4, 'ipv4') : forbidden.check(plain, 'ipv6');
  return blocked ? `${plain} is a loopback, private, link-local, shared or reserved address` : undefined;
}

/** The allow-list, ready to ask: names in a set, addresses and ranges in a block list. */
interface CompiledAllowList {
  names: Set<string>;
  ranges: BlockList;
}

const compiled = new WeakMap<readonly string[], CompiledAllowList>();

function allowListOf(policy: OutboundPolicy): CompiledAllowList {
  const cached = compiled.get(policy.allowedHosts);
  if (cached) return cached;
  const names = new Set<string>();
  const ranges = new BlockList();
  for (const entry of policy.allowedHosts) {
    const [address = '', prefixText] = withoutBrackets(entry.trim()).split('/');
    const family = isIP(address);
    if (family === 0) {
      names.add(normalName(address));
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefixText === undefined) ranges.addAddress(address, type);
    else ranges.addSubnet(address, Number(prefixText), type);
  }
  const list = { names, ranges };
  compiled.set(policy.allowedHosts, list);
  return list;
}

/** Host names compare without case and without the root's trailing dot (localhost. is localhost). */
function normalName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function isAllowListed(policy: OutboundPolicy, host: string): boolean {
  const list = allowListOf(policy);
  const plain = withoutBrackets(host);
  const family = isIP(plain);
  if (family === 0) return list.names.has(normalName(plain));
  if (list.names.has(plain.toLowerCase())) return true;
  const ipv4 = family === 6 ? embeddedIpv4(plain) : undefined;
  return ipv4 ? list.ranges.check(ipv4, 'ipv4') : list.ranges.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

/** Names that resolve to the local host without asking DNS (RFC 6761). */
function isLocalName(name: string): boolean {
  const host = normalName(name);
  return host === 'localhost' || host.endsWith('.localhost');
}

export type OutboundUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Whether a URL may be called at all, before anything is resolved: its scheme, and its host when the
 * host is an address (in any spelling the URL parser accepts) or a local name. A host name that passes
 * is checked again, resolved, when the connection is made.
 */
export function checkOutboundUrl(text: string, policy: OutboundPolicy): OutboundUrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'is not a URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp))
    return { ok: false, reason: policy.allowHttp ? 'must be an http(s) URL' : 'must be an https URL' };
  if (url.username || url.password) return { ok: false, reason: 'must not carry a user name or password' };
  const host = url.hostname;
  if (isAllowListed(policy, host)) return { ok: true, url };
  if (isIP(withoutBrackets(host)) !== 0) {
    const reason = forbiddenAddressReason(host);
    if (reason) return { ok: false, reason: `must not point at ${reason}` };
  } else if (isLocalName(host)) {
    return { ok: false, reason: `must not point at the local host (${host})` };
  }
  return { ok: true, url };
}

/**
 * Whether the address a host name resolved to may be connected to: an allow-listed host name may
 * resolve anywhere; otherwise the address itself must be public or allow-listed.
 */
export function checkResolvedAddress(
  policy: OutboundPolicy,
  host: string,
  address: string,
): string | undefined {
  if (isAllowListed(policy, host) || isAllowListed(policy, address)) return undefined;
  const reason = forbiddenAddressReason(address);
  return reason ? `${host} resolves to ${reason}` : undefined;
}

/** The policy with one more allowed host (the operator's own webhook, configured beside it). */
export function allowingHost(policy: OutboundPolicy, host: string): OutboundPolicy {
  return { ...policy, allowedHosts: [...policy.allowedHosts, withoutBrackets(host)] };
}
