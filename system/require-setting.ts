import type { Environment } from '../config/env.js';

export function requireSetting<K extends keyof Environment>(
  env: Environment,
  key: K,
): NonNullable<Environment[K]> {
  const value = env[key];
  if (value === undefined || value === null || value === '') {
    console.error(`${key} must be set for this entry point (npm start runs an embedded default instead).`);
    process.exit(2);
  }
  return value as NonNullable<Environment[K]>;
}
