import { createMiddleware } from 'hono/factory';
import type { CodecEndpoint } from '../http/dependencies.js';
import type { AppEnv } from './context.js';
import { problems } from './problem.js';

/** What the Temporal UI sends: its access token, the JSON body and the namespace it shows. */
const allowedHeaders = 'Authorization, Content-Type, X-Namespace';

/**
 * CORS for the codec endpoint: the Temporal web UI calls it from the browser, from another origin. Only
 * the configured origin (CODEC_CORS_ORIGIN) gets any Access-Control-* header; a preflight from another
 * origin (or with none configured) is refused, so no other site's script may ask a signed-in
 * admin's browser to decode for it. The preflight carries no credentials and is answered before
 * authentication; the request that follows is authenticated like any other.
 */
export function codecCors(endpoint: Pick<CodecEndpoint, 'corsOrigin' | 'allowCredentials'>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = endpoint.corsOrigin !== undefined && origin === endpoint.corsOrigin;
    const corsHeaders: Record<string, string> = allowed
      ? {
          'access-control-allow-origin': origin,
          ...(endpoint.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
        }
      : {};
    if (c.req.method === 'OPTIONS') {
      if (!allowed) throw problems.forbidden('This origin is not the one CODEC_CORS_ORIGIN names.');
      return c.body(null, 204, {
        ...corsHeaders,
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': allowedHeaders,
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    await next();
    c.header('vary', 'Origin', { append: true });
    for (const [name, value] of Object.entries(corsHeaders)) c.header(name, value);
  });
}
