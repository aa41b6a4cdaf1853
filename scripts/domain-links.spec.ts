import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Code, tests, configuration and the docs point at the rules by their section in
 * docs/domain.md (`docs/domain.md#re-referral`): every such pointer must name a section that
 * exists, so that renaming a heading cannot leave pointers to nowhere.
 */
const ROOT = join(__dirname, '..');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) anchors.add(anchorOf(heading[1]));
  }
  return anchors;
}

describe('pointers to docs/domain.md', () => {
  it.each([
    ['Re-referral', 're-referral'],
    ["The authority's rule files", 'the-authoritys-rule-files'],
    ['`caf_initiated`', 'caf_initiated'],
    ['Children in Need census', 'children-in-need-census'],
  ])('turn the heading %j into the anchor %j', (heading, anchor) => {
    expect(anchorOf(heading)).toBe(anchor);
  });

  it('name sections that exist', () => {
    const anchors = anchorsOf(readFileSync(join(ROOT, 'docs', 'domain.md'), 'utf8'));
    const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => /\.(ts|js|mjs|cjs|md|yaml|yml|json)$/.test(file));
    const broken: string[] = [];
    let pointers = 0;
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        continue; // listed by git but removed from the working tree
      }
      const own = file === 'docs/domain.md';
      const pattern = own ? /\]\(#([a-z0-9_-]+)\)/g : /domain\.md#([a-z0-9_-]+)/g;
      for (const match of text.matchAll(pattern)) {
        pointers += 1;
        if (!anchors.has(match[1])) broken.push(`${file}: #${match[1]}`);
      }
    }
    expect(pointers).toBeGreaterThan(50);
    expect(broken).toEqual([]);
  });
});
