import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/**
 * versitygw, an S3 gateway over a folder (github.com/versity/versitygw): the real S3-compatible
 * server the tests run the S3 object store against. `npm run setup` builds it from the Go module proxy
 * (`go install github.com/versity/versitygw/cmd/versitygw@v1.8.0`) into the cache, keyed by version.
 * v1.8.0 is the only version the proxy listed on 2026-12-02.
 */
export const versitygwVersion = '1.8.0';

export function cachedVersitygwPath(cacheDir: string): string {
  return join(cacheDir, `versitygw-${versitygwVersion}`, 'bin', 'versitygw');
}

/** The cached binary, or undefined when `npm run setup` has not built it (no Go here). */
export function resolveVersitygw(cacheDir: string): string | undefined {
  const path = cachedVersitygwPath(cacheDir);
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}
