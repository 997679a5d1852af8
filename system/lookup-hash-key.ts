import { ConfigurationError, type Environment } from '../config/env.js';
import { keptSecret } from './kept-secret.js';

/**
 * The look-up key: LOOKUP_HASH_KEY when set; otherwise, for the embedded start only, a key made once and
 * kept in the data folder (mode 0600) like the other secrets of `npm start`. Production entry points
 * refuse to run without it: a key made up per process would index parties that no other copy can find.
 */
export async function lookupHashKeyFor(
  env: Environment,
  { embedded }: { embedded: boolean },
): Promise<string> {
  if (env.LOOKUP_HASH_KEY) return env.LOOKUP_HASH_KEY;
  if (!embedded) {
    throw new ConfigurationError([
      'LOOKUP_HASH_KEY must be set for this entry point (at least 32 characters, e.g. ' +
        '`openssl rand -base64 32`); npm start keeps one in its data folder instead.',
    ]);
  }
  return (await keptSecret(env.FEISUTONG_DATA_DIR, 'lookup-hash-key', undefined)).secret;
}
