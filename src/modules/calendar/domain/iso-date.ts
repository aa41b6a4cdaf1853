/**
 * @deprecated Moved to `src/common/domain/iso-date.ts` (the shared `IsIsoDate` validator needs
 * it); kept only so that code written against the old path still compiles. Import from there.
 */
export * from '../../../common/domain/iso-date';
