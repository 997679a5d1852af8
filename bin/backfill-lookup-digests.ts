/**
 * `npm run lookup:backfill [-- --rebuild]`: fills the parties' look-up index (keyed digests of ID
 * numbers, credit codes and phones) for rows written before it existed or by a worker without
 * LOOKUP_HASH_KEY; `--rebuild` recomputes every digest after the key changed. Idempotent.
 */
import { readEnvironment } from '../config/env.js';
import { backfillLookupDigests } from '../system/backfill-lookup-digests.js';
import { reportStartupFailure, startupExitCode } from '../system/startup-error.js';

try {
  const added = await backfillLookupDigests(readEnvironment(), {
    rebuild: process.argv.includes('--rebuild'),
  });
  console.log(`look-up index: ${added} digests added`);
  process.exit(0);
} catch (error) {
  reportStartupFailure(error, process.env.LOG_LEVEL);
  process.exit(startupExitCode(error));
}
