// Import rules for src/, checked by `npm run deps` (part of `npm test`). Type-only imports count too:
// a cycle through types still means two modules cannot be understood (or moved) one without the other.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules form a tree of layers; a cycle means a concept sits in the wrong module.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-is-a-leaf',
      comment:
        'types.ts, vocabulary.ts and reasons.ts are the words every stage shares: they import only each other.',
      severity: 'error',
      from: { path: '^src/(types|vocabulary|reasons)\\.ts$' },
      to: { pathNot: '^src/(types|vocabulary|reasons)\\.ts$' },
    },
    {
      name: 'findings-below-review',
      comment:
        'Anchoring, placing and merging findings is pure over the diff; models, runs and reports sit above.',
      severity: 'error',
      from: { path: '^src/findings/' },
      to: { path: '^src/(review|pipeline|report|policy|hook|cli)/' },
    },
    {
      name: 'report-below-pipeline',
      comment: 'Reporters render a ReviewResult; they do not run the engine or reach into the command line.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/(pipeline|cli)/' },
    },
    {
      name: 'providers-through-the-registry',
      comment:
        'A model provider is one file in src/review/providers/, reached only through src/review/providers.ts, so adding one touches nothing else.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/review/(providers\\.ts$|providers/)' },
      to: { path: '^src/review/providers/' },
    },
    {
      name: 'report-below-host',
      comment: 'Output formats render a ReviewResult; publishing on a code host (src/host) builds on them.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/host/' },
    },
    {
      name: 'hosts-behind-the-port',
      comment:
        'Host-neutral publishing (markers, summary, plan, carry-over) knows hosts only through the ReviewHost port; only the registry (hosts.ts) names the adapters.',
      severity: 'error',
      from: { path: '^src/host/[^/]+$', pathNot: '^src/host/hosts\\.ts$' },
      to: { path: '^src/host/[^/]+/' },
    },
    {
      name: 'cli-on-top',
      comment:
        'The commands are the composition roots: nothing below imports them. The Action (src/action) is an entry point on top of the CLI.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|action)/' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
