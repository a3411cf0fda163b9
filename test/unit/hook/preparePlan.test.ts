import { expect, test } from 'vitest';
import { planPrepare } from '../../../src/hook/preparePlan.js';

const pkg = (obj: unknown, indent: string | number = 2) => `${JSON.stringify(obj, null, indent)}\n`;

test('adds "prepare": "husky" when husky is a dev dependency, keeping key order and indent', () => {
  const text = pkg({ name: 'app', scripts: { test: 'vitest' }, devDependencies: { husky: '9.1.7' } }, '\t');
  const plan = planPrepare(text);
  expect(plan.action).toBe('added');
  expect(plan.text).toBe(
    pkg(
      { name: 'app', scripts: { test: 'vitest', prepare: 'husky' }, devDependencies: { husky: '9.1.7' } },
      '\t',
    ),
  );
  expect(planPrepare(plan.text ?? '').action).toBe('unchanged');
});

test('creates "scripts" when there is none', () => {
  const plan = planPrepare(pkg({ name: 'app', devDependencies: { husky: '^9' } }));
  expect(JSON.parse(plan.text ?? '{}').scripts).toEqual({ prepare: 'husky' });
});

test('extends an existing prepare script', () => {
  const plan = planPrepare(pkg({ scripts: { prepare: 'npm run build' }, devDependencies: { husky: '^9' } }));
  expect(plan.action).toBe('extended');
  expect(JSON.parse(plan.text ?? '{}').scripts.prepare).toBe('npm run build && husky');
});

test.for([
  'husky',
  'npm run build && husky',
  'husky || true',
  'npx husky',
  'node build.mjs && husky && echo ok',
])('leaves "%s" alone', (prepare) => {
  expect(planPrepare(pkg({ scripts: { prepare }, devDependencies: { husky: '9' } })).action).toBe(
    'unchanged',
  );
});

test('does not add a prepare script that would break npm install when husky is not a dependency', () => {
  expect(planPrepare(pkg({ name: 'app' })).action).toBe('no-husky');
  expect(planPrepare(pkg({ scripts: { prepare: 'huskyish' } })).action).toBe('no-husky');
});

test('unparsable package.json is reported, not rewritten', () => {
  const plan = planPrepare('{ "name": ');
  expect(plan.action).toBe('unparsable');
  expect(plan.text).toBeUndefined();
  expect(planPrepare('[]').action).toBe('unparsable');
});

test('keeps the absence of a final newline', () => {
  const plan = planPrepare(JSON.stringify({ devDependencies: { husky: '9' } }, null, 2));
  expect(plan.text?.endsWith('}')).toBe(true);
});
