// Types of bench/run.mjs for the test that keeps the runner, bench/README.md and package.json in step.
export interface Bench {
  name: string;
  script: string;
  args: string[];
  /** Runs the built bin: the runner builds first. */
  needsBuild?: boolean;
}

export declare const BENCHES: readonly Bench[];
