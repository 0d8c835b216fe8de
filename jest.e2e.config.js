/**
 * The end-to-end suite: the real bot, the Microsoft 365 Agents Playground and Debian's chromium, driven as a
 * person drives Teams. Run with `npm run test:e2e`: two files at a time, each with its own bot, Playground
 * and browser on ports of its own; a file spends half its time waiting on the browser, so two at once fit
 * the two cores CI has (229 → 176 s against one at a time). Screenshots and logs land in test-output/
 * (git-ignored).
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  testTimeout: 90_000,
  slowTestThreshold: 30,
  maxWorkers: 2,
};
