import { readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { keptSecret } from '../../../system/kept-secret.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

describe('a secret of the embedded start not given by the environment', () => {
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  afterEach(() => folder?.remove());

  it('is generated once, kept in the data folder with mode 0600, and the same on the next start', async () => {
    folder = await makeTempDir('secret');
    const first = await keptSecret(folder.path, 'auth-token-secret', undefined);
    expect(first.origin).toBe('generated');
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    expect((await readFile(first.file, 'utf8')).trim()).toBe(first.secret);

    const second = await keptSecret(folder.path, 'auth-token-secret', undefined);
    expect(second).toEqual({ ...first, origin: 'kept' });
    // Each secret has its own file: the callback key is not the token secret.
    const key = await keptSecret(folder.path, 'callback-signing-key', undefined);
    expect(key.secret).not.toBe(first.secret);
  });

  it('comes from the environment when given, and nothing is written', async () => {
    folder = await makeTempDir('secret');
    const given = 'a-secret-from-the-environment-0123456789';
    const result = await keptSecret(folder.path, 'auth-token-secret', given);
    expect(result).toMatchObject({ secret: given, origin: 'environment' });
    await expect(stat(result.file)).rejects.toThrow(/ENOENT/);
  });

  it('replaces a kept file too short to be a secret', async () => {
    folder = await makeTempDir('secret');
    const { file } = await keptSecret(folder.path, 'auth-token-secret', undefined);
    await writeFile(file, 'short\n');
    const again = await keptSecret(folder.path, 'auth-token-secret', undefined);
    expect(again.origin).toBe('generated');
    expect(again.secret).not.toBe('short');
  });
});
