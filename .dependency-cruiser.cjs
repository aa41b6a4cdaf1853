/** Architecture rules checked in CI (npm run depcruise). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ folders hold plain rules: no Nest, TypeORM, database, config or queue',
      severity: 'error',
      from: { path: '(^|/)domain/' },
      to: {
        path: [
          '^node_modules/(@nestjs|typeorm|pg|ioredis|bullmq|class-validator|class-transformer)',
          '^src/(config|database|common|runtime)/',
          '\\.(controller|service|repository|module)\\.ts$',
        ],
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
      comment: 'controllers reach the database only through services',
      severity: 'error',
      from: { path: '\\.controller\\.ts$' },
      to: { path: ['\\.repository\\.ts$', '^src/database/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
