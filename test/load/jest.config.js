// `npm run test:load`: ten minutes of mixed traffic against the real service (kept out of `npm test`).
const { join } = require('node:path');
const base = require('../../jest.config.js');
const integration = base.projects.find((project) => project.displayName === 'integration');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: join(__dirname, '..', '..'),
  testTimeout: 20 * 60_000,
  projects: [
    {
      ...integration,
      displayName: 'load',
      // <rootDir> in the shared set-up paths means the repository, not this folder.
      rootDir: join(__dirname, '..', '..'),
      roots: ['<rootDir>/test/load'],
      testMatch: ['**/*.load-spec.ts'],
    },
  ],
};
