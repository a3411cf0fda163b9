import { describe, expect, test } from 'vitest';
import { pathToUri, toSarif } from '../../../src/report/sarif.js';
import { sampleResult } from '../../helpers/result.js';
import { sarifSchemaErrors } from '../../helpers/sarifSchema.js';
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
          region?: { startLine: number; endLine?: number };
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

  test('locations are relative URIs with 1-based regions; a file-level finding names the file alone', () => {
    expect(run?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 22, endLine: 24 },
    });
    expect(run?.results[2]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/dir%20with%20space/a%23b.ts', uriBaseId: '%SRCROOT%' },
    });
    expect(pathToUri('a/b c/d.ts')).toBe('a/b%20c/d.ts');
  });

  test('is valid against the SARIF 2.1.0 JSON Schema', () => {
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    // The validator is not vacuous: a region on line 0 (what a model's "whole file" would give) is refused.
    const broken = structuredClone(sarif);
    (broken.runs[0]!.results[0]!.locations[0]!.physicalLocation as { region: object }).region = {
      startLine: 0,
    };
    expect(sarifSchemaErrors(broken).join('\n')).toMatch(/region/);
  });

  test('partialFingerprints carry the finding fingerprint, so code scanning tracks findings across runs', () => {
    expect(run?.results.map((r) => r.partialFingerprints['hunkwise/v1'])).toEqual(
      findings.map((f) => f.fingerprint),
    );
  });
});

describe('toSarif: coverage', () => {
  type Notification = {
    descriptor: { id: string };
    level: string;
    message: { text: string };
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: object } }>;
  };
  const notificationsOf = (sarif: object) =>
    (sarif as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Notification[] }> }> }).runs[0]
      ?.invocations[0]?.toolExecutionNotifications ?? [];

  test('every hunk no model reviewed is a tool execution notification with its location and reason', () => {
    const result = sampleResult();
    const risky = result.outcomes[1]!;
    result.outcomes[1] = {
      hunk: risky.hunk,
      route: 'claude',
      status: 'notReviewed',
      reason: { code: 'over-budget', tokens: 3300, left: 1000 },
      notes: [],
    };
    const sarif = toSarif(result);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(notificationsOf(sarif)).toEqual([
      {
        descriptor: { id: 'hunkwise/skipped/routing-skip' },
        level: 'note',
        message: { text: 'Not reviewed by a model: matches routing.skip docs/**' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'docs/guide.md', uriBaseId: '%SRCROOT%' },
              region: { startLine: 1, endLine: 1 },
            },
          },
        ],
      },
      {
        descriptor: { id: 'hunkwise/skipped-file/ignored' },
        level: 'note',
        message: { text: 'File not reviewed (skipped): matches **/package-lock.json' },
        locations: [
          { physicalLocation: { artifactLocation: { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' } } },
        ],
      },
      {
        descriptor: { id: 'hunkwise/not-reviewed/over-budget' },
        level: 'warning',
        message: { text: expect.stringMatching(/^Not reviewed by a model: .*budget/) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/auth/login.ts', uriBaseId: '%SRCROOT%' },
              region: { startLine: 10, endLine: 12 },
            },
          },
        ],
      },
    ]);
  });

  test('a run where every hunk was reviewed has no notifications, and stays valid', () => {
    const sarif = toSarif(resultOf([finding({ file: 'src/app.ts', start: 22 })]));
    expect(notificationsOf(sarif)).toEqual([]);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
  });
});
