/** Unit and integration tests; the Playground suite has its own config (jest.e2e.config.js). */
module.exports = {
  testEnvironment: 'node',
  // Each file transpiled on its own (tsconfig.jest.json: isolatedModules), as the spawned bots and the
  // benches run through ts-node's transpile-only: no type program per worker. `npm run typecheck` checks types.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  // The bot as JavaScript, transpiled once per run, for the tests that start it as its own process.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  // Two workers on the two cores CI has: jest's default there is one, and the suite then runs in band in
  // one process (twice as long, every file's leftovers in one heap). Tests wait on servers and databases
  // much of the time, so two files at once fit two cores.
  maxWorkers: 2,
  // A worker leaves once nothing holds its event loop; jest force-exits it (and warns) after 500 ms by
  // default. In some full runs on a loaded 2-core VM one worker took longer, with no server, socket, child
  // process or timer open at any file's teardown (checked with an instrumented test environment): a leak
  // still shows, 5 s later instead of 0.5 s.
  workerGracefulExitTimeout: 5000,
};
