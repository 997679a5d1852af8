import { parsePayloadKeys } from '../../lib/payload-encryption.js';
import { encryptingDataConverter } from '../../system/payload-keys.js';

/**
 * The tests' payload keys, as PAYLOAD_ENCRYPTION_KEYS would give them: every test system, API and
 * worker process encrypts its workflow payloads with them, as production does with its own.
 */
export const testPayloadKeysSetting = `test-1:${Buffer.alloc(32, 7).toString('base64')}`;
export const testDataConverter = encryptingDataConverter(parsePayloadKeys(testPayloadKeysSetting));
