import picomatch from 'picomatch';
import { describe, expect, test } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { track } from '../../../src/host/markdown.js';
import { pullRequestExit } from '../../../src/host/outstanding.js';
import { exactGlob, restrictToPaths } from '../../../src/host/scope.js';
import { finding, resultOf } from './fixture.js';

describe('restrictToPaths', () => {
  test('drops files, hunks and findings outside the pull request, and counts the files', () => {
    const result = resultOf([
      finding({ file: 'src/app.ts', start: 2 }),
      finding({ file: 'src/new.ts', start: 1 }),
    ]);
    const { result: kept, left } = restrictToPaths(result, new Set(['src/app.ts']));
    expect(left).toBe(2);
    expect(kept.files.map((f) => f.path)).toEqual(['src/app.ts']);
    expect(new Set(kept.decisions.map((d) => d.hunk.file))).toEqual(new Set(['src/app.ts']));
    expect(new Set(kept.outcomes.map((o) => o.hunk.file))).toEqual(new Set(['src/app.ts']));
    expect(kept.findings.map((p) => p.finding.file)).toEqual(['src/app.ts']);
  });
});

describe('pullRequestExit', () => {
  const strict = configSchema.parse({ fail_on: { ci: 'major' } });
  test('an earlier finding still outstanding keeps failing the job after an unrelated push', () => {
    const carried = track(finding({ file: 'src/app.ts', start: 2, severity: 'major' }));
    expect(pullRequestExit(resultOf([]), [{ finding: carried, where: 'posted' }], strict).code).toBe(1);
    expect(pullRequestExit(resultOf([]), [], strict).code).toBe(0);
  });

  test('same-head re-run (nothing reviewed) decides from what stands', () => {
    const secret = track(
      finding({ file: 'src/new.ts', start: 1, source: 'rule', category: 'secret', severity: 'critical' }),
    );
    const lenient = configSchema.parse({});
    expect(pullRequestExit(null, [{ finding: secret, where: 'summary' }], lenient).code).toBe(1); // fail_on.secrets
    expect(pullRequestExit(null, [], lenient).code).toBe(0);
  });
});

describe('exactGlob', () => {
  test.for(['src/a.ts', 'app/[id]/page.tsx', 'weird (1).ts', 'a+b@c!.ts', 'x{y,z}.ts', 'a*b?.ts'])(
    '%s matches itself only',
    (path) => {
      const matches = picomatch(exactGlob(path), { dot: true });
      expect(matches(path)).toBe(true);
      expect(matches(`${path}x`)).toBe(false);
      expect(matches('src/other.ts')).toBe(false);
    },
  );
});
