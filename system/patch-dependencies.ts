import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Known bugs in dependencies, fixed in place until upstream releases a fix. Each patch names the
 * exact version it applies to and the text it replaces: on any other version it stops with an
 * error, so an upgrade makes someone look again. Idempotent: a patched file is left as it is.
 *
 * postgres 3.4.9 (porsager/postgres#1066, #1154, #1208; fix proposed in #1168): a small write is
 * deferred with setImmediate; when the connection closes first (PostgreSQL restarted, a backend
 * terminated, a network drop while a transaction ran, and the transaction's ROLLBACK is then
 * written), the deferred write dereferences the closed socket and throws from the timer, where no
 * try/catch reaches it: the whole process (worker or API) exits. Found by test/faults: stopping
 * PostgreSQL under load killed the worker. Guarding that write is not enough: the teardown cancels
 * the timer without forgetting it (a connection that closed with a write pending never schedules
 * another one), and keeps the closed socket's query and error (the next socket's first query is
 * rejected with that old error; a ROLLBACK written after the close waits forever). Each wedges the
 * connection for good. The fix: the guard proposed upstream, plus forgetting that state on close.
 */
interface Patch {
  packageName: string;
  version: string;
  files: string[];
  marker: string;
  replacements: { from: string; to: string }[];
}

/** Bump the revision when a patch changes: files patched by an older one must be reinstalled first. */
const markerPrefix = '/* feisutong: patched';
const marker = `${markerPrefix}, revision 3 (system/patch-dependencies.ts) */`;

const patches: Patch[] = [
  {
    packageName: 'postgres',
    version: '3.4.9',
    files: ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'],
    marker,
    replacements: [
      {
        from: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n',
        to:
          `  function nextWrite(fn) {\n    ${marker}\n` +
          // The socket closed before this write: drop the bytes and reject the queries they carried
          // (the transaction's ROLLBACK after its connection died), so nothing waits for them.
          '    if (!socket) {\n' +
          '      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n' +
          '      chunk = nextWriteTimer = null\n' +
          "      const closedError = Errors.connection('CONNECTION_CLOSED', options)\n" +
          '      query && (queryError(query, closedError), query = null)\n' +
          '      while (sent.length) queryError(sent.shift(), closedError)\n' +
          '      return false\n' +
          '    }\n' +
          '    const x = socket.write(chunk, fn)\n',
      },
      {
        // terminate(): forget the cancelled timer and the unsent bytes.
        from: '    clearImmediate(nextWriteTimer)\n    if (socket) {\n',
        to: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {\n',
      },
      {
        // closed(): the same, for a socket that went away.
        from: "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)\n",
        to: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)\n",
      },
      {
        // closed(): once the queries in flight are rejected, forget them and the error that came with
        // the close. Otherwise the next socket's first ReadyForQuery rejects the new query with the old
        // error, and a query written after the close (the transaction's ROLLBACK) waits forever for an
        // answer the new socket never gives, wedging the connection.
        from: "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
        to:
          "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n" +
          '    query = results = errorResponse = null\n' +
          '    result = new Result()\n',
      },
    ],
  },
];

interface PatchOutcome {
  file: string;
  status: 'patched' | 'already patched';
}

/** Apply every patch to the installed packages; throws when a package is not the version expected. */
export async function patchDependencies(projectRoot: string): Promise<PatchOutcome[]> {
  const outcomes: PatchOutcome[] = [];
  for (const patch of patches) {
    const folder = join(projectRoot, 'node_modules', patch.packageName);
    const { version } = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as {
      version: string;
    };
    if (version !== patch.version) {
      throw new Error(
        `${patch.packageName} is ${version}, the patch in system/patch-dependencies.ts is for ${patch.version}: ` +
          'check whether the new version fixes the bug, then update or remove the patch.',
      );
    }
    for (const relative of patch.files) {
      const file = join(folder, relative);
      let text = await readFile(file, 'utf8');
      if (text.includes(patch.marker)) {
        outcomes.push({ file, status: 'already patched' });
        continue;
      }
      if (text.includes(markerPrefix))
        throw new Error(`${file} carries an older patch: reinstall it (npm ci) and run npm run setup again.`);
      for (const { from, to } of patch.replacements) {
        const at = text.indexOf(from);
        if (at === -1 || text.indexOf(from, at + 1) !== -1)
          throw new Error(`${file}: the text to patch is not there exactly once:\n${from}`);
        text = text.replace(from, to);
      }
      await writeFile(file, text);
      outcomes.push({ file, status: 'patched' });
    }
  }
  return outcomes;
}
