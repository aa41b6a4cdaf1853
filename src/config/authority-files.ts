import type { FactoryProvider } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { load } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './env';
import { PROJECT_ROOT } from './project-root';
import { Settings } from './settings';

/**
 * The authority's rule files: one loader for all of them.
 *
 * Each file is read from `config/`, or from the folder AUTHORITY_CONFIG_DIR names when it is
 * set (same file names; a file missing there is taken from `config/`). It is parsed (`.json`
 * as JSON, anything else as YAML), checked by its schema when the service starts, and a
 * mistake stops the start with one line naming the file and the path inside it, e.g.
 * `config/thresholds.yaml: rules[2].tier must be 1, 2, 3 or 4`.
 *
 * Registering a new file is two steps:
 *   1. the schema: a pure function in the module's `domain/` that turns the parsed document
 *      into a typed value, throwing an Error whose message names the path and the problem
 *      (`panels[0].name must be a non-empty string`), with a table test;
 *   2. the provider, beside the module that owns it:
 *        export const PANELS_FILE = authorityFile('panels.yaml', parsePanels);
 *      then `authorityFileProvider(PANELS_FILE)` in that module's providers (and exports,
 *      if other modules read it), injected as
 *        constructor(@InjectAuthorityFile(PANELS_FILE) private readonly panels: Panels) {}
 * Nothing else: the override folder, the error format and the start-up check (main.ts and
 * worker.ts call checkAuthorityFiles before anything else starts) come from here.
 */
export interface AuthorityFile<T> {
  /** The file's name inside `config/` (or the override folder), e.g. `plans/default.yaml`. */
  readonly name: string;
  /** The schema: checks the parsed document and returns its typed value. */
  readonly parse: (document: unknown) => T;
  /** The Nest injection token of the file's provider. */
  readonly token: string;
}

/** A mistake in one of the authority's rule files, named by file and path. */
export class AuthorityFileError extends ConfigError {
  override name = 'AuthorityFileError';
}

/** Every file defined so far (each definition registers itself when its module is loaded). */
const REGISTERED = new Map<string, AuthorityFile<unknown>>();

export function authorityFile<T>(name: string, parse: (document: unknown) => T): AuthorityFile<T> {
  if (REGISTERED.has(name)) throw new Error(`The authority file ${name} is defined twice`);
  const file: AuthorityFile<T> = { name, parse, token: `authority-file:${name}` };
  REGISTERED.set(name, file);
  return file;
}

/** The files the loaded modules define, in the order they were defined. */
export function registeredAuthorityFiles(): readonly AuthorityFile<unknown>[] {
  return [...REGISTERED.values()];
}

/**
 * Reads and checks every defined file, so that main.ts and worker.ts stop on a mistake before
 * they start the database or Nest. Throws the first mistake found.
 */
export function checkAuthorityFiles(overrideDir: string | undefined): void {
  const read = new Map<string, unknown>();
  for (const file of REGISTERED.values()) read.set(file.name, readAuthorityFile(file, overrideDir));
  for (const { file, check } of CROSS_CHECKS) {
    const mistakes = check(<T>(other: AuthorityFile<T>) => read.get(other.name) as T);
    if (mistakes.length > 0) {
      const { shownAs } = authorityFileLocation(file.name, overrideDir);
      throw new AuthorityFileError(`${shownAs}: ${mistakes[0]}`);
    }
  }
}

/** Reads another checked file's value, for a check across files. */
export type ReadAuthorityFile = <T>(file: AuthorityFile<T>) => T;

const CROSS_CHECKS: {
  file: AuthorityFile<unknown>;
  check: (read: ReadAuthorityFile) => string[];
}[] = [];

/**
 * A check of one file against others (a plan's panel must be one of panels.yaml's), run at
 * start after every file has passed its own: each mistake is a sentence naming the place in
 * `file`, and the first stops the start, named by the file.
 */
export function checkAcrossAuthorityFiles<T>(
  file: AuthorityFile<T>,
  check: (value: T, read: ReadAuthorityFile) => string[],
): void {
  CROSS_CHECKS.push({ file, check: (read) => check(read(file), read) });
}

/** Where a file is read from: the override folder when it holds the file, else `config/`. */
export function authorityFileLocation(
  name: string,
  overrideDir: string | undefined,
): { path: string; shownAs: string } {
  if (overrideDir !== undefined) {
    const path = join(resolve(overrideDir), name);
    if (existsSync(path)) return { path, shownAs: join(overrideDir, name) };
  }
  return { path: join(PROJECT_ROOT, 'config', name), shownAs: `config/${name}` };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].trim();
}

/** Reads, parses and checks one file (outside Nest too: the seed, the benchmarks). */
export function readAuthorityFile<T>(file: AuthorityFile<T>, overrideDir: string | undefined): T {
  const { path, shownAs } = authorityFileLocation(file.name, overrideDir);
  if (!existsSync(path)) throw new AuthorityFileError(`${shownAs}: the file is missing`);
  let document: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    document = file.name.endsWith('.json') ? JSON.parse(text) : load(text);
  } catch (error) {
    throw new AuthorityFileError(`${shownAs}: cannot be read: ${firstLine(error)}`);
  }
  try {
    return file.parse(document);
  } catch (error) {
    throw new AuthorityFileError(`${shownAs}: ${firstLine(error)}`);
  }
}

/** The typed provider of one file, read and checked once when the module is built. */
export function authorityFileProvider<T>(file: AuthorityFile<T>): FactoryProvider<T> {
  return {
    provide: file.token,
    useFactory: (settings: Settings) => readAuthorityFile(file, settings.env.authorityConfigDir),
    inject: [Settings],
  };
}

/** Injects the checked value of one file. */
export function InjectAuthorityFile(file: AuthorityFile<unknown>): ParameterDecorator {
  return Inject(file.token);
}
