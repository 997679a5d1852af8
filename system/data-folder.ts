import { chmod, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';

/**
 * The embedded start's data folder holds Temporal's SQLite file, the payload key and PostgreSQL's
 * credentials: no other user may list or read it (0700). Run as root, the embedded PostgreSQL runs as
 * the `postgres` OS user and must pass through to its own folder inside, so the folder is 0711 then:
 * others may traverse it but not list it, and every file in it is 0600.
 */
export async function prepareDataFolder(folder: string): Promise<void> {
  const mode = userInfo().uid === 0 ? 0o711 : 0o700;
  await mkdir(folder, { recursive: true, mode });
  await chmod(folder, mode);
}

/**
 * Temporal's SQLite file and its journal files, readable by this user alone. The dev server creates the
 * file itself (an empty file made ahead would be taken for an initialised database), so it is started
 * under umask 077 and whatever already exists is narrowed to 0600.
 */
export async function narrowSqliteFiles(file: string): Promise<void> {
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    await chmod(path, 0o600).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

/** Runs `start` with umask 077, so files the child processes it spawns create are 0600. */
export async function withPrivateUmask<T>(start: () => Promise<T>): Promise<T> {
  const previous = process.umask(0o077);
  try {
    return await start();
  } finally {
    process.umask(previous);
  }
}
