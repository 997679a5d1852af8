import { createMiddleware } from 'hono/factory';

/**
 * What every HTML page of ours may load: its own inline styles and images, nothing else; no scripts,
 * no frames around it, forms posting only to us. The pages (dashboard) and the API reference (/docs)
 * are rendered on the server with no client code, so this costs them nothing.
 */
export const pageContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Headers on every response, API and pages alike, set after the handler (errors and 404s included):
 * - `nosniff` everywhere, so nothing is read as another type than it says;
 * - on HTML: the CSP above, `X-Frame-Options: DENY` for browsers that predate frame-ancestors, and a
 *   referrer that stays on our origin (a case number in a URL does not travel to another site);
 * - `Cache-Control: no-store` unless the response chose its own: tokens, cases, parties and exports
 *   must not stay in a browser's or a proxy's cache.
 */
export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  c.header('x-content-type-options', 'nosniff');
  if (/^text\/html/i.test(c.res.headers.get('content-type') ?? '')) {
    if (!c.res.headers.has('content-security-policy'))
      c.header('content-security-policy', pageContentSecurityPolicy);
    c.header('x-frame-options', 'DENY');
    c.header('referrer-policy', 'same-origin');
  }
  if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
});
