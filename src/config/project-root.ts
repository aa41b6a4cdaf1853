import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding package.json and config/, from src/ or from dist/src/ alike. */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'config'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the project root (package.json and config/)');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
