import base from './jest.config.js';

/**
 * Browser tests (`npm run test:e2e`): the service started as in the README, driven by
 * Debian's Chromium. Not part of `npm test`, which needs only Node.js. One file at a
 * time: each starts its own service and browser, and the machine has two cores.
 */
export default {
  ...base,
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  testTimeout: 180_000,
  maxWorkers: 1,
};
