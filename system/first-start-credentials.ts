import { chmod, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { CreatedCredential } from './seed.js';

/** Where `npm start` keeps the passwords and keys it made up (mode 0600); the operator deletes it. */
export function credentialsFile(dataDir: string): string {
  return join(dataDir, 'first-start-credentials.txt');
}

export function credentialLine(credential: CreatedCredential): string {
  return `${credential.what}: ${credential.username ? `${credential.username} / ` : ''}${credential.secret}`;
}

/**
 * Appends the credentials to the file and flushes it to disk. Called before the account or key they
 * open is committed: whatever stops the start afterwards (Ctrl-C, a busy port, an unreachable server),
 * no password that works is lost.
 */
export async function recordCredentials(dataDir: string, credentials: CreatedCredential[]): Promise<string> {
  const file = credentialsFile(dataDir);
  if (credentials.length === 0) return file;
  const handle = await open(file, 'a', 0o600);
  try {
    const stamp = new Date().toISOString();
    await handle.appendFile(`# ${stamp}\n${credentials.map(credentialLine).join('\n')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(file, 0o600);
  return file;
}
