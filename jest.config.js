/** Unit and integration tests; the Playground suite has its own config (jest.e2e.config.js). */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  testTimeout: 30000,
};
