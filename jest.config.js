/** Tests run against src through ts-jest; never against a build. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 20000,
  // Two workers on a two-core machine: most suites wait on sockets, timers and the browser, not the CPU.
  maxWorkers: 2,
};
