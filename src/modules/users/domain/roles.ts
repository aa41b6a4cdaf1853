/**
 * @deprecated Moved to `src/common/domain/roles.ts` (the guards in `common/auth` need them);
 * kept only so that code written against the old path still compiles. Import from there.
 */
export * from '../../../common/domain/roles';
