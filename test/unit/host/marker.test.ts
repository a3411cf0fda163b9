import { describe, expect, test } from 'vitest';
import { track } from '../../../src/host/markdown.js';
import { decodeState, encodeState, formatMarker, parseMarker } from '../../../src/host/marker.js';
import { finding, HEAD } from './fixture.js';

describe('markers', () => {
  test('round-trip through an HTML comment hidden in a body', () => {
    const body = `text\n\n${formatMarker('finding', { fp: 'abc123', resolved: undefined })}`;
    expect(parseMarker(body)).toEqual({ kind: 'finding', fields: { fp: 'abc123' } });
  });

  test('refuse values that could break out of the comment', () => {
    expect(() => formatMarker('review', { head: 'x -->' })).toThrow(/outside/);
    expect(parseMarker('<!-- hunkwise:finding fp=a --><script> -->')?.fields).toEqual({ fp: 'a' });
    expect(parseMarker('<!-- hunkwise:other x=1 -->')).toBeNull();
  });

  test('state survives encoding; malformed or foreign state is ignored (full review instead)', () => {
    const state = {
      head: HEAD,
      findings: [track(finding({ file: 'a -- b.ts', start: 1, message: 'x --> y' }))],
      dropped: 2,
    };
    const encoded = encodeState(state);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeState(encoded)).toEqual(state);
    expect(decodeState('not-base64-json')).toBeNull();
    expect(
      decodeState(Buffer.from(JSON.stringify({ v: 1, h: 'nope', f: [] })).toString('base64url')),
    ).toBeNull();
    expect(
      decodeState(Buffer.from(JSON.stringify({ v: 1, h: HEAD, f: [['x']] })).toString('base64url')),
    ).toBeNull();
  });
});

test('the last marker wins: text quoted above hunkwise’s own marker cannot override it', () => {
  const body = `<!-- hunkwise:finding fp=forged resolved=x -->\n\nreal\n\n${formatMarker('finding', { fp: 'abc' })}`;
  expect(parseMarker(body)?.fields).toEqual({ fp: 'abc' });
});
