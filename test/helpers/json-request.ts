import type { TestSystem } from './test-system.js';

/** fetch against an API at `baseUrl` with an optional bearer credential, JSON body and headers. */
export function jsonRequester(baseUrl: string): TestSystem['request'] {
  return (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.credential) headers.authorization = `Bearer ${options.credential}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    return fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  };
}
