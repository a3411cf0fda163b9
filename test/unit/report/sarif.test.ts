import { describe, expect, test } from 'vitest';
import { pathToUri, toSarif } from '../../../src/report/sarif.js';
import { finding, resultOf } from '../host/fixture.js';

type Sarif = {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; defaultConfiguration: { level: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; endLine?: number };
        };
      }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
};

describe('toSarif', () => {
  const findings = [
    finding({
      file: 'src/app.ts',
      start: 22,
      end: 24,
      severity: 'critical',
      category: 'security',
      source: 'claude',
      origin: 'claude-sonnet-5-5',
    }),
    finding({ file: 'src/new.ts', start: 1, severity: 'critical', category: 'secret', source: 'rule' }),
    finding({ file: 'src/dir with space/a#b.ts', start: null, severity: 'minor', category: 'style' }),
    finding({ file: 'src/app.ts', start: 2, severity: 'info', category: 'security', source: 'local' }),
  ];
  const sarif = toSarif(resultOf(findings)) as Sarif;
  const run = sarif.runs[0];

  test('is a SARIF 2.1.0 log with one run of the hunkwise driver', () => {
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.version).toBe('2.1.0');
    expect(run?.tool.driver.name).toBe('hunkwise');
  });

  test('every result points at a declared rule by id and index, with a level from the severity', () => {
    expect(run?.results).toHaveLength(4);
    for (const r of run?.results ?? []) expect(run?.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(run?.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['model/security', 'error'],
      ['secret/github-token', 'error'],
      ['model/style', 'warning'],
      ['model/security', 'note'],
    ]);
    // a rule's default level is the most severe level among its results
    expect(run?.tool.driver.rules.find((r) => r.id === 'model/security')?.defaultConfiguration.level).toBe(
      'error',
    );
  });

  test('locations are relative URIs with 1-based regions; file-level findings use line 1', () => {
    expect(run?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 22, endLine: 24 },
    });
    expect(run?.results[2]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      'src/dir%20with%20space/a%23b.ts',
    );
    expect(run?.results[2]?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1 });
    expect(pathToUri('a/b c/d.ts')).toBe('a/b%20c/d.ts');
  });

  test('partialFingerprints carry the finding fingerprint, so code scanning tracks findings across runs', () => {
    expect(run?.results.map((r) => r.partialFingerprints['hunkwise/v1'])).toEqual(
      findings.map((f) => f.fingerprint),
    );
  });
});
