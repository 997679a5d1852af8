import { describe, expect, it } from 'vitest';
import { ConfigurationError, readEnvironment } from '../../../config/env.js';
import { newPayloadKey } from '../../../lib/payload-encryption.js';
import { codecEndpointFrom } from '../../../system/codec-endpoint.js';

const keys = [newPayloadKey('k1')];
const refusalOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
};

describe('the codec endpoint setting (CODEC_ENDPOINT and its CORS)', () => {
  it('is off unless CODEC_ENDPOINT=on', () => {
    expect(codecEndpointFrom(readEnvironment({}), keys)).toBeUndefined();
    expect(codecEndpointFrom(readEnvironment({ CODEC_ENDPOINT: 'off' }), keys)).toBeUndefined();
    const on = codecEndpointFrom(
      readEnvironment({
        CODEC_ENDPOINT: 'on',
        CODEC_CORS_ORIGIN: 'http://localhost:8233',
        TEMPORAL_NAMESPACE: 'hlbe',
      }),
      keys,
    );
    expect(on).toMatchObject({
      namespace: 'hlbe',
      corsOrigin: 'http://localhost:8233',
      allowCredentials: false,
    });
  });

  it('refuses bad values at start, naming the variable', () => {
    expect(refusalOf(() => readEnvironment({ CODEC_ENDPOINT: 'yes' }))).toEqual([
      "CODEC_ENDPOINT: must be 'on' or 'off'",
    ]);
    for (const origin of [
      'http://localhost:8233/',
      'localhost:8233',
      'http://ui.example/codec',
      'ftp://ui.example',
    ])
      expect(refusalOf(() => readEnvironment({ CODEC_CORS_ORIGIN: origin }))[0]).toMatch(
        /^CODEC_CORS_ORIGIN: must be an origin/,
      );
    expect(refusalOf(() => readEnvironment({ CODEC_CORS_ALLOW_CREDENTIALS: 'yes' }))).toEqual([
      "CODEC_CORS_ALLOW_CREDENTIALS: must be 'true' or 'false'",
    ]);
  });

  it('refuses CORS settings while the endpoint is off, and credentials without an origin', () => {
    expect(
      refusalOf(() =>
        codecEndpointFrom(readEnvironment({ CODEC_CORS_ORIGIN: 'http://localhost:8233' }), keys),
      ),
    ).toEqual(['CODEC_CORS_ORIGIN: set, but CODEC_ENDPOINT is off; set CODEC_ENDPOINT=on to serve /codec']);
    expect(
      refusalOf(() =>
        codecEndpointFrom(
          readEnvironment({ CODEC_ENDPOINT: 'on', CODEC_CORS_ALLOW_CREDENTIALS: 'true' }),
          keys,
        ),
      )[0],
    ).toMatch(/^CODEC_CORS_ALLOW_CREDENTIALS: needs CODEC_CORS_ORIGIN/);
  });
});
