import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkOutboundUrl, checkResolvedAddress, type OutboundPolicy } from './outbound-url.js';

/** The system's resolver (dns.lookup, as Node's own connections use it), asked for every address. */
type Resolve = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** The policy said no: nothing was sent. The message says why, for the operator's log. */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
  readonly code = 'EOUTBOUNDREFUSED';
}

/**
 * A DNS lookup that checks every address a host name resolves to before the connection is made, and
 * hands the connection exactly those addresses: the name is resolved once per connection, so a
 * second answer (DNS rebinding) cannot slip a private address in after the check.
 */
function checkedLookup(policy: OutboundPolicy, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const reason = checkResolvedAddress(policy, hostname, address);
        if (reason) return callback(new OutboundRefused(`refused by the outbound policy: ${reason}`), '', 0);
      }
      if (addresses.length === 0)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      return callback(null, first!.address, first!.family);
    });
  };
}

export interface OutboundPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Tests resolve names of their own; everyone else asks the system's resolver. */
  resolve?: Resolve;
}

/**
 * POST a body to a URL the policy allows; resolves to the receiver's status code. Redirects are not
 * followed (a 3xx is just a status that is not 2xx), the response body is not read, and each call has
 * a connection of its own, to the address that was checked.
 */
export function postOutbound(target: string, policy: OutboundPolicy, post: OutboundPost): Promise<number> {
  const checked = checkOutboundUrl(target, policy);
  if (!checked.ok)
    return Promise.reject(new OutboundRefused(`refused by the outbound policy: ${checked.reason}`));
  const { url } = checked;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
    agent: false,
    lookup: checkedLookup(policy, post.resolve ?? dnsLookup),
  };
  return new Promise((resolve, reject) => {
    const request = send(url, options, (response) => {
      clearTimeout(timer);
      resolve(response.statusCode ?? 0);
      // What the receiver says beyond its status is not ours to read.
      response.destroy();
    });
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${post.timeoutMs / 1000} s`)),
      post.timeoutMs,
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(post.body);
  });
}
