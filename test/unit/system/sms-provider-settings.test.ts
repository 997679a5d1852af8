import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../../config/env.js';
import { smsProviderFrom } from '../../../system/sms-gateway.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/** SMS_PROVIDER_URL with its secret from the environment or a file no other user may read. */
describe('the SMS provider settings', () => {
  const secret = 'sms-provider-secret-0123456789abcdef0123';
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    folder = await makeTempDir('sms-provider');
  });
  afterAll(() => folder?.remove());

  const settingsOf = (variables: Record<string, string>) => smsProviderFrom(readEnvironment(variables));

  it('is the console gateway when no URL is set, and refuses a secret without a URL', async () => {
    expect(await settingsOf({})).toBeUndefined();
    await expect(settingsOf({ SMS_PROVIDER_SECRET: secret })).rejects.toThrow(/SMS_PROVIDER_URL is not/);
  });

  it('takes the secret from the environment, and needs one', async () => {
    const url = 'https://sms.example.cn/feisutong';
    expect(await settingsOf({ SMS_PROVIDER_URL: url, SMS_PROVIDER_SECRET: secret })).toEqual({ url, secret });
    await expect(settingsOf({ SMS_PROVIDER_URL: url })).rejects.toThrow(/needs SMS_PROVIDER_SECRET/);
    expect(() => readEnvironment({ SMS_PROVIDER_URL: url, SMS_PROVIDER_SECRET: 'short' })).toThrow(
      /SMS_PROVIDER_SECRET: must be at least 32 characters/,
    );
  });

  it('reads the secret from a file only when no other user may read it', async () => {
    const url = 'https://sms.example.cn/feisutong';
    const file = join(folder.path, 'sms-secret');
    await writeFile(file, `${secret}\n`);
    await chmod(file, 0o644);
    await expect(settingsOf({ SMS_PROVIDER_URL: url, SMS_PROVIDER_SECRET_FILE: file })).rejects.toThrow(
      /may be read by other users \(mode 644\); chmod 600 it/,
    );
    await chmod(file, 0o600);
    expect(await settingsOf({ SMS_PROVIDER_URL: url, SMS_PROVIDER_SECRET_FILE: file })).toEqual({
      url,
      secret,
    });
    await writeFile(file, 'too short');
    await expect(settingsOf({ SMS_PROVIDER_URL: url, SMS_PROVIDER_SECRET_FILE: file })).rejects.toThrow(
      /at least 32 characters/,
    );
  });
});
