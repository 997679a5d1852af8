import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Whether an address belongs to a reverse proxy we run (TRUSTED_PROXIES). */
export type IsTrustedProxy = (address: string) => boolean;

export const noTrustedProxies: IsTrustedProxy = () => false;

const ipv4Mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** `::ffff:127.0.0.1` is 127.0.0.1 reached over an IPv6 socket: one client, one address. */
function canonicalAddress(address: string): string {
  const mapped = ipv4Mapped.exec(address);
  return mapped && isIP(mapped[1]!) === 4 ? mapped[1]! : address.toLowerCase();
}

/** A list of addresses and CIDR ranges (IPv4, IPv6, IPv4-mapped IPv6); throws on anything else. */
export function trustedProxiesFrom(entries: readonly string[]): IsTrustedProxy {
  const list = new BlockList();
  for (const entry of entries) {
    const [written = '', prefixText, ...rest] = entry.trim().split('/');
    const address = canonicalAddress(written);
    const family = isIP(address);
    let prefix = prefixText === undefined ? undefined : Number(prefixText);
    // An IPv4-mapped range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
    if (prefix !== undefined && family === 4 && address !== written.toLowerCase()) prefix -= 96;
    const maximum = family === 4 ? 32 : 128;
    const validPrefix =
      prefix === undefined || (/^\d{1,3}$/.test(prefixText!) && prefix >= 0 && prefix <= maximum);
    if (family === 0 || rest.length > 0 || !validPrefix)
      throw new Error(`Not an IP address or CIDR range: "${entry}"`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  if (entries.length === 0) return noTrustedProxies;
  return (candidate) => {
    const address = canonicalAddress(candidate);
    const family = isIP(address);
    if (family === 0) return false;
    try {
      return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    } catch {
      return false; // e.g. a zone index (fe80::1%eth0) the list cannot compare
    }
  };
}

/** One X-Forwarded-For entry as an address, or undefined (`unknown`, an obfuscated name, garbage). */
function forwardedAddress(entry: string): string | undefined {
  let text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text); // [2001:db8::1]:4711
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':')); // 10.0.0.1:4711
  const address = canonicalAddress(text);
  return isIP(address) === 0 ? undefined : address;
}

/**
 * The client's address. A peer that is not a trusted proxy is the client, whatever X-Forwarded-For
 * says (anyone can send that header). From a trusted proxy, the header is read from the right, where
 * our own proxies append what they saw, past every trusted proxy: the first address that is not one is
 * the client. Entries left of it were written by the client and are not believed. Should the chain hold
 * something that is not an address, the last trusted proxy that reported it stands for the client.
 */
export function clientAddressFrom(
  peer: string,
  forwardedFor: string | undefined,
  isTrustedProxy: IsTrustedProxy,
): string {
  let client = canonicalAddress(peer);
  if (!forwardedFor || !isTrustedProxy(client)) return client;
  const hops = forwardedFor.split(',');
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = forwardedAddress(hops[index]!);
    if (hop === undefined) return client;
    client = hop;
    if (!isTrustedProxy(hop)) return hop;
  }
  return client;
}

/**
 * The client's address, for the per-address login limit: the socket's peer, or, when the peer is one
 * of our reverse proxies (TRUSTED_PROXIES), the client it forwarded for (see clientAddressFrom).
 * Without TRUSTED_PROXIES behind a proxy every client has the proxy's address and they share one count.
 */
export function clientAddressOf(c: Context, isTrustedProxy: IsTrustedProxy = noTrustedProxies): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    return 'unknown'; // not served by @hono/node-server (app.fetch called in-process)
  }
  if (!peer) return 'unknown';
  return clientAddressFrom(peer, c.req.header('x-forwarded-for'), isTrustedProxy);
}
