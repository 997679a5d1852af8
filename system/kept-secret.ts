import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A secret of the embedded start that must outlive the process (the token signing secret, the key
 * callback secrets are derived from): taken from the environment when given, otherwise generated once
 * and kept in the data folder (mode 0600), so a restart neither logs every clerk out nor breaks every
 * court's signature check.
 */
export async function keptSecret(
  dataDir: string,
  fileName: string,
  given: string | undefined,
): Promise<{ secret: string; origin: 'environment' | 'kept' | 'generated'; file: string }> {
  const file = join(dataDir, 'secrets', fileName);
  if (given) return { secret: given, origin: 'environment', file };
  await mkdir(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
  const existing = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  if (existing && existing.length >= 32) {
    await chmod(file, 0o600);
    return { secret: existing, origin: 'kept', file };
  }
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { secret, origin: 'generated', file };
}
