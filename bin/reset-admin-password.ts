/**
 * `npm run admin:reset-password`: sets a new password for the admin account (FEISUTONG_ADMIN_USERNAME,
 * `admin` by default) — FEISUTONG_ADMIN_PASSWORD when given, otherwise a random one printed here and
 * kept in the data folder's credentials file (0600). Works with `npm start` running or stopped.
 */
import { readEnvironment } from '../config/env.js';
import { resetAdminPassword } from '../system/reset-admin-password.js';
import { reportStartupFailure, startupExitCode } from '../system/startup-error.js';

try {
  const env = readEnvironment();
  const { credential, file } = await resetAdminPassword(env);
  console.log(
    env.FEISUTONG_ADMIN_PASSWORD
      ? `admin account ${credential.username}: password set from FEISUTONG_ADMIN_PASSWORD`
      : `admin account ${credential.username}: new password ${credential.secret} (also in ${file})`,
  );
  process.exit(0);
} catch (error) {
  reportStartupFailure(error, process.env.LOG_LEVEL);
  process.exit(startupExitCode(error));
}
