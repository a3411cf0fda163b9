import { describe, expect, test } from 'vitest';
import { parseModelOutput } from '../../../src/review/parseModelOutput.js';
import { MODEL_FINDING as finding } from './reviewItems.js';

const json = JSON.stringify({ findings: [finding] });

describe('parseModelOutput', () => {
  test('plain JSON is not counted as extracted', () => {
    expect(parseModelOutput(json)).toEqual({ candidates: [finding], extracted: false, dropped: 0 });
  });

  test.for([
    ['a ```json fence', `Here you go:\n\`\`\`json\n${json}\n\`\`\`\nHope that helps.`],
    ['a bare fence', `\`\`\`\n${json}\n\`\`\``],
    ['prose around it', `Sure! The review is ${json} -- let me know.`],
    ['a brace in prose before it', `Use {} for empty objects. Answer: ${json}`],
  ] as const)('accepts JSON wrapped in %s', ([, text]) => {
    expect(parseModelOutput(text)).toEqual({ candidates: [finding], extracted: true, dropped: 0 });
  });

  test('braces inside strings do not confuse the scanner', () => {
    const tricky = { ...finding, quote: 'if (x) { y("}") }' };
    const result = parseModelOutput(`Result: ${JSON.stringify({ findings: [tricky] })} done`);
    expect(result).toMatchObject({ candidates: [tricky], extracted: true });
  });

  test('invalid findings are dropped and counted, valid ones kept', () => {
    const text = JSON.stringify({
      findings: [
        finding,
        { file: 'a.ts' },
        'nonsense',
        { ...finding, message: '' },
        { ...finding, file: ' ' },
      ],
    });
    expect(parseModelOutput(text)).toEqual({ candidates: [finding], extracted: false, dropped: 4 });
  });

  test('a finding is never dropped for its line: 0, negative, missing or garbage lines mean the whole file', () => {
    const lines = [0, -3, null, 'twelve', 1.5, 1e300];
    const text = JSON.stringify({
      findings: [...lines.map((line) => ({ ...finding, line })), { ...finding, line: undefined }],
    });
    expect(parseModelOutput(text)).toEqual({
      candidates: Array.from({ length: lines.length + 1 }, () => ({ ...finding, line: 0 })),
      extracted: false,
      dropped: 0,
    });
  });

  test('repairs common small-model slips: string line numbers, severity words, unknown categories', () => {
    const text = JSON.stringify({
      findings: [
        { ...finding, line: '12', end_line: null, severity: 'High', category: 'Correctness', suggestion: '' },
      ],
    });
    const result = parseModelOutput(text);
    expect(result).toEqual({
      candidates: [{ ...finding, line: 12, severity: 'critical', category: 'other' }],
      extracted: false,
      dropped: 0,
    });
  });

  test('a bare array of findings is accepted', () => {
    expect(parseModelOutput(JSON.stringify([finding]))).toMatchObject({ candidates: [finding] });
  });

  test('an empty findings list is a valid answer', () => {
    expect(parseModelOutput('{"findings": []}')).toEqual({ candidates: [], extracted: false, dropped: 0 });
  });

  test.for([
    ['', 'empty answer'],
    ['   \n', 'empty answer'],
    ['I could not find any problems.', 'no JSON object'],
    ['{"findings": [{"file": "a.ts", "line": 1', 'no JSON object'],
    ['{"results": []}', 'no "findings" array'],
    ['{"findings": "none"}', 'no "findings" array'],
    ['null', 'no "findings" array'],
  ] as const)('garbage %j is an error, never a throw', ([text, error]) => {
    const result = parseModelOutput(text);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toContain(error);
  });

  test('survives pathological input', () => {
    expect(parseModelOutput('{'.repeat(5000))).toHaveProperty('error');
    expect(parseModelOutput(`${'{"a":'.repeat(300)}1${'}'.repeat(300)}`)).toHaveProperty('error');
  });
});
