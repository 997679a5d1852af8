import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError, readEnvironment } from '../../../config/env.js';
import { formatPayloadKeys, newPayloadKey } from '../../../lib/payload-encryption.js';
import { narrowSqliteFiles, prepareDataFolder, withPrivateUmask } from '../../../system/data-folder.js';
import { embeddedKeyFile, payloadKeysFor } from '../../../system/payload-keys.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const folder = await makeTempDir('payload-keys');
afterAll(() => folder.remove());
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('where the payload keys come from', () => {
  it('production entry points take them from PAYLOAD_ENCRYPTION_KEYS and refuse to run without it', async () => {
    const keys = [newPayloadKey('k2'), newPayloadKey('k1')];
    const env = readEnvironment({ PAYLOAD_ENCRYPTION_KEYS: formatPayloadKeys(keys) });
    expect((await payloadKeysFor(env, { embedded: false })).map((k) => k.id)).toEqual(['k2', 'k1']);
    await expect(payloadKeysFor(readEnvironment({}), { embedded: false })).rejects.toThrow(
      ConfigurationError,
    );
    await expect(
      payloadKeysFor(readEnvironment({ PAYLOAD_ENCRYPTION_KEYS: 'k1:short' }), { embedded: false }),
    ).rejects.toThrow(/PAYLOAD_ENCRYPTION_KEYS: key k1/);
  });

  it('the embedded start makes one key file in the data folder, mode 0600, and keeps using it', async () => {
    const dataDir = join(folder.path, 'data');
    await mkdir(dataDir);
    const env = readEnvironment({ FEISUTONG_DATA_DIR: dataDir });
    const first = await payloadKeysFor(env, { embedded: true });
    expect(first).toHaveLength(1);
    expect(await modeOf(embeddedKeyFile(dataDir))).toBe(0o600);
    const again = await payloadKeysFor(env, { embedded: true });
    expect(again[0]!.key.equals(first[0]!.key)).toBe(true);
    expect(await readFile(embeddedKeyFile(dataDir), 'utf8')).toContain(`${first[0]!.id}:`);
  });

  it('narrows a key file others could read to 0600', async () => {
    const dataDir = join(folder.path, 'loose');
    await mkdir(dataDir);
    await writeFile(embeddedKeyFile(dataDir), formatPayloadKeys([newPayloadKey('k1')]), { mode: 0o644 });
    await payloadKeysFor(readEnvironment({ FEISUTONG_DATA_DIR: dataDir }), { embedded: true });
    expect(await modeOf(embeddedKeyFile(dataDir))).toBe(0o600);
  });
});

describe('the embedded data folder', () => {
  it('lets no other user list it, and the Temporal SQLite files are 0600', async () => {
    const dataDir = join(folder.path, 'fresh', 'data');
    await prepareDataFolder(dataDir);
    // Root runs PostgreSQL as the `postgres` user, which must pass through (x) but not list (r).
    expect(await modeOf(dataDir)).toBe(process.getuid?.() === 0 ? 0o711 : 0o700);
    const sqlite = join(dataDir, 'temporal.sqlite');
    // What a child started under the private umask creates is 0600.
    await withPrivateUmask(() => writeFile(sqlite, 'created by the dev server'));
    expect(await modeOf(sqlite)).toBe(0o600);
    // Files left readable by an older start are narrowed.
    await writeFile(`${sqlite}-wal`, '', { mode: 0o644 });
    await chmod(sqlite, 0o644);
    await narrowSqliteFiles(sqlite);
    expect([await modeOf(sqlite), await modeOf(`${sqlite}-wal`)]).toEqual([0o600, 0o600]);
  });
});
