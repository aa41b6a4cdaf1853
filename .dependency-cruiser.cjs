/** Architecture rules checked in CI (npm run depcruise). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'domain/ folders hold plain rules: no Nest, TypeORM, database, config or queue (the shared vocabulary in src/common/domain/ is itself a domain folder)',
      severity: 'error',
      from: { path: '(^|/)domain/' },
      to: {
        path: [
          '^node_modules/(@nestjs|typeorm|pg|ioredis|bullmq|class-validator|class-transformer)',
          '^src/(config|database|common|runtime)/',
          '\\.(controller|service|repository|module)\\.ts$',
        ],
        pathNot: '^src/common/domain/',
      },
    },
    {
      name: 'domain-imports-only-domain',
      comment: 'a domain folder may import other domain folders, nothing else of ours',
      severity: 'error',
      from: { path: '(^|/)domain/' },
      to: { path: '^src/', pathNot: '(^|/)domain/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'repositories-hold-the-sql',
      comment: 'controllers (and the web pages) reach the database only through services',
      severity: 'error',
      from: { path: ['\\.controller\\.ts$', '(^|/)pages/[^/]+\\.ts$'] },
      to: { path: ['\\.repository\\.ts$', '^src/database/'] },
    },
    {
      name: 'modules-talk-through-services',
      comment:
        "a module uses another module through its exported service (or a contract in src/common/contracts/), never through that module's repository",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/.*\\.repository\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'common-stays-below-modules',
      comment:
        'src/common/ (and the database, config and runtime layers) are what modules build on: they never import a module; what they need of one is a contract in src/common/',
      severity: 'error',
      from: { path: '^src/(common|database|config|runtime)/' },
      to: { path: '^src/modules/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
