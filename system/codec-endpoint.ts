import { ConfigurationError, type Environment } from '../config/env.js';
import type { CodecEndpoint } from '../http/dependencies.js';
import { EncryptionCodec, type PayloadKey } from '../lib/payload-encryption.js';

/**
 * The Temporal UI's codec endpoint when CODEC_ENDPOINT=on, with the keys the client and the worker use;
 * undefined (no /codec at all) otherwise. Settings that only make sense with the endpoint on are refused
 * while it is off, so a half-done configuration fails at start rather than looking as if it worked.
 */
export function codecEndpointFrom(env: Environment, keys: PayloadKey[]): CodecEndpoint | undefined {
  if (env.CODEC_ENDPOINT !== 'on') {
    const stray = (['CODEC_CORS_ORIGIN', 'CODEC_CORS_ALLOW_CREDENTIALS'] as const).filter((key) =>
      key === 'CODEC_CORS_ORIGIN' ? env[key] !== undefined : env[key] === 'true',
    );
    if (stray.length > 0)
      throw new ConfigurationError(
        stray.map((key) => `${key}: set, but CODEC_ENDPOINT is off; set CODEC_ENDPOINT=on to serve /codec`),
      );
    return undefined;
  }
  if (env.CODEC_CORS_ALLOW_CREDENTIALS === 'true' && !env.CODEC_CORS_ORIGIN)
    throw new ConfigurationError([
      'CODEC_CORS_ALLOW_CREDENTIALS: needs CODEC_CORS_ORIGIN, the Temporal UI origin allowed to send them',
    ]);
  return {
    codec: new EncryptionCodec(keys),
    namespace: env.TEMPORAL_NAMESPACE,
    corsOrigin: env.CODEC_CORS_ORIGIN,
    allowCredentials: env.CODEC_CORS_ALLOW_CREDENTIALS === 'true',
  };
}
