import { generateSecretsKey } from '../../src/domain/key-ring.js';

/**
 * The SECRETS_KEY of the apps and processes one test file starts, new for each file as a
 * deployment's would be; tests of keys themselves make their own.
 */
export const TEST_SECRETS_KEY = generateSecretsKey();
