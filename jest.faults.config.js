import base from './jest.config.js';

/** Fault tests: real load against the service as a process, with injected failures. */
export default {
  ...base,
  globalSetup: undefined,
  globalTeardown: undefined,
  testMatch: ['<rootDir>/tests/faults/**/*.test.ts'],
  testTimeout: 180_000,
  maxWorkers: 1,
};
