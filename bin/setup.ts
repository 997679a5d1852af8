/**
 * `npm run setup`: patch known bugs in installed dependencies (system/patch-dependencies.ts), and
 * provide the Temporal binaries from package registries (Go module proxy, Maven Central), cached by
 * version. Idempotent: the second run only checks.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnvironment } from '../config/env.js';
import {
  cachedCliPath,
  cachedTestServerFolder,
  findOnPath,
  resolveTemporalCli,
  resolveTestServer,
  temporalCliVersion,
  temporalTestServerVersion,
} from '../config/temporal-binaries.js';
import { patchDependencies } from '../system/patch-dependencies.js';
import { reportStartupFailure, startupExitCode } from '../system/startup-error.js';

const quiet = process.argv.includes('--quiet');
// `npm start` runs this first (prestart): a bad setting is reported here in the same one line.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error) => {
    reportStartupFailure(error, process.env.LOG_LEVEL);
    process.exit(startupExitCode(error));
  });
}
let env: ReturnType<typeof readEnvironment>;
try {
  env = readEnvironment();
} catch (error) {
  reportStartupFailure(error, process.env.LOG_LEVEL);
  process.exit(startupExitCode(error));
}
const cacheDir = env.FEISUTONG_CACHE_DIR;

function say(message: string, always = false): void {
  if (always || !quiet) console.log(`[setup] ${message}`);
}

function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<void> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', rejectRun);
    child.once('exit', (code) =>
      code === 0 ? resolveRun() : rejectRun(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function provideTemporalCli(): Promise<void> {
  const found = resolveTemporalCli({ ...env, PATH: process.env.PATH });
  if (found.path) {
    say(`Temporal CLI: ${found.path} (${found.from})`);
    return;
  }
  if (!findOnPath('go')) {
    say('Temporal CLI: Go not found; the SDK will download the dev server on first use.', true);
    return;
  }
  const target = cachedCliPath(cacheDir);
  const staging = `${dirname(dirname(target))}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, 'bin'), { recursive: true });
  const started = Date.now();
  say(
    `Temporal CLI: building v${temporalCliVersion} with go install (about 3 minutes and 2 GB of module cache, once)…`,
    true,
  );
  await run('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${temporalCliVersion}`], {
    env: { ...process.env, GOBIN: join(staging, 'bin'), GOFLAGS: process.env.GOFLAGS ?? '-buildvcs=false' },
  });
  await rm(dirname(dirname(target)), { recursive: true, force: true });
  await rename(staging, dirname(dirname(target)));
  say(`Temporal CLI: built in ${Math.round((Date.now() - started) / 1000)} s → ${target}`, true);
}

const testServerPom = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>feisutong</groupId>
  <artifactId>temporal-test-server-launcher</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${temporalTestServerVersion}</version>
    </dependency>
  </dependencies>
</project>
`;

async function provideTestServer(): Promise<void> {
  const found = resolveTestServer(env);
  if (found.path) {
    say(`Temporal test server: ${found.path} (${found.from})`);
    return;
  }
  if (!findOnPath('mvn') || !findOnPath('java')) {
    say('Temporal test server: Maven or Java not found; the SDK will download it on first use.', true);
    return;
  }
  const folder = cachedTestServerFolder(cacheDir);
  const staging = `${folder}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const started = Date.now();
  say(
    `Temporal test server: resolving io.temporal:temporal-test-server:${temporalTestServerVersion} with Maven…`,
    true,
  );
  await writeFile(join(staging, 'pom.xml'), testServerPom);
  await run(
    'mvn',
    [
      '-B',
      '-q',
      '-Dstyle.color=never',
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${join(staging, 'lib')}`,
    ],
    { cwd: staging },
  );
  // The launcher resolves its own folder so the cache can be moved as a whole.
  const launcher = `#!/bin/sh
here="$(cd "$(dirname "$0")" && pwd)"
exec java -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"
`;
  await writeFile(join(staging, 'temporal-test-server'), launcher);
  await chmod(join(staging, 'temporal-test-server'), 0o755);
  await rm(folder, { recursive: true, force: true });
  await rename(staging, folder);
  say(`Temporal test server: ready in ${Math.round((Date.now() - started) / 1000)} s → ${folder}`, true);
}

const started = Date.now();
for (const outcome of await patchDependencies(fileURLToPath(new URL('..', import.meta.url)))) {
  say(`dependency patch: ${outcome.status} ${outcome.file}`, outcome.status === 'patched');
}
// An image that runs only the API and the worker (Dockerfile) needs the patches, not the Temporal binaries.
if (process.argv.includes('--dependencies-only')) process.exit(0);
await mkdir(cacheDir, { recursive: true });
await provideTemporalCli();
await provideTestServer();
say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s (cache: ${cacheDir})`);
