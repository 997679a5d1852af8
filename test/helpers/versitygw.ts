import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { readEnvironment } from '../../config/env.js';
import { resolveVersitygw } from '../../config/versitygw-binary.js';
import type { S3ObjectStoreSettings } from '../../lib/s3-object-store.js';
import { freePort } from './ports.js';
import { startProcess } from './processes.js';
import { makeTempDir } from './temp-dir.js';

export interface RunningS3Server {
  /** What the S3 object store needs to reach the bucket this server was started with. */
  settings: S3ObjectStoreSettings & {
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  /** The folder versitygw serves (posix backend): bucket/key files, for tests that look at the disk. */
  folder: string;
  stop(): Promise<void>;
}

/** The versitygw binary `npm run setup` built, or undefined when there is none (no Go here). */
export function versitygwBinary(): string | undefined {
  return resolveVersitygw(readEnvironment().FEISUTONG_CACHE_DIR);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A real S3-compatible server for a test file: versitygw over a temporary folder (its posix
 * backend) on a free loopback port, with random credentials and one private bucket, like the tests'
 * PostgreSQL. Resolves once it accepts connections and the bucket exists; `stop()` ends it and removes
 * the folder.
 */
export async function startVersitygw(): Promise<RunningS3Server> {
  const binary = versitygwBinary();
  if (!binary) throw new Error('versitygw is missing: run npm run setup (it builds it with go install).');
  const folder = await makeTempDir('s3');
  const root = join(folder.path, 'data');
  await mkdir(root);
  const port = await freePort();
  const accessKeyId = `test${randomBytes(6).toString('hex')}`;
  const secretAccessKey = randomBytes(24).toString('base64url');
  const server = startProcess(
    'versitygw',
    binary,
    ['--port', `127.0.0.1:${port}`, 'posix', root],
    // Credentials through the environment, not the command line (ps would show them).
    { env: { ...process.env, ROOT_ACCESS_KEY: accessKeyId, ROOT_SECRET_KEY: secretAccessKey } },
  );
  const deadline = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (!server.running()) throw new Error(`versitygw exited:\n${server.output().slice(-2000)}`);
    if (Date.now() > deadline) {
      await server.stop('SIGKILL');
      throw new Error(`versitygw did not accept on ${port} within 20 s:\n${server.output().slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'feisutong-test',
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  };
  const client = new S3Client({ ...settings });
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  client.destroy();
  return {
    settings,
    folder: root,
    async stop() {
      await server.stop('SIGTERM', 5_000);
      await folder.remove();
    },
  };
}
