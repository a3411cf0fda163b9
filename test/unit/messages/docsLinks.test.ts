// Links in messages and docs resolve: every docsUrl(page, anchor) in src names a shipped docs page and one of
// its headings, and every relative link in README.md and docs/*.md names a file of this repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { docsUrl, REPOSITORY_URL } from '../../../src/messages/docsUrl.js';

const root = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
const anchorsOf = (markdown: string) =>
  [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug((m[1] as string).replace(/`/g, '')));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

const calls = sourceFiles('src').flatMap((file) =>
  [...read(file).matchAll(/docsUrl\('([^']+)'(?:, '([^']+)')?\)/g)].map((m) => ({
    file,
    page: m[1] as string,
    anchor: m[2] ?? '',
  })),
);

test('messages link to absolute URLs of the docs, pinned to the version (main from source)', () => {
  expect(docsUrl('github.md', 'fork-safe-mode')).toBe(
    `${REPOSITORY_URL}/blob/main/docs/github.md#fork-safe-mode`,
  );
  expect(calls.length).toBeGreaterThan(3);
});

test.for(calls.map((c) => [`${c.file} → ${c.page}${c.anchor ? `#${c.anchor}` : ''}`, c] as const))(
  '%s exists',
  ([, { page, anchor }]) => {
    expect(existsSync(join(root, 'docs', page))).toBe(true);
    if (anchor) expect(anchorsOf(read(join('docs', page)))).toContain(anchor);
  },
);

test('the docs ship in the package, so the pages are also under node_modules/hunkwise/docs', () => {
  expect(JSON.parse(read('package.json')).files).toContain('docs');
});

const markdown = ['README.md', ...readdirSync(join(root, 'docs')).map((f) => join('docs', f))];
test.for(markdown)('%s: relative links name files that exist', (file) => {
  const broken = [...read(file).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] as string)
    .filter((target) => !/^(https?:|mailto:|#)/.test(target))
    .filter((target) => {
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const resolved = join(dirname(join(root, file)), path);
      if (!existsSync(resolved)) return true;
      return (
        anchor !== undefined &&
        path.endsWith('.md') &&
        !anchorsOf(readFileSync(resolved, 'utf8')).includes(anchor)
      );
    });
  expect(broken).toEqual([]);
});
