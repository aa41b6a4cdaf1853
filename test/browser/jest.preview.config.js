// Dev only, not part of `npm test`: renders the dashboard in Chromium against the real app with
// the plan and indicator answers stubbed in the browser, to look at the page with data in it:
//   npx jest -c test/browser/jest.preview.config.js
const { join } = require('node:path');
const base = require('../../jest.config.js');

const integration = base.projects.find((project) => project.displayName === 'integration');

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 240_000,
  projects: [
    {
      ...integration,
      displayName: 'dashboard-preview',
      rootDir: join(__dirname, '..', '..'),
      testMatch: ['**/test/browser/*.preview-spec.ts'],
    },
  ],
};
