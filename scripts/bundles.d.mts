// Types for scripts/bundles.mjs, so tests written in TypeScript can build the bundles in memory.
import type { BuildOptions, Metafile } from 'esbuild';

export type Bundle = BuildOptions & { outdir: string; absWorkingDir: string };
export function cliBundle(options: { root: string; sourcemap: boolean }): Bundle;
export function actionBundle(options: { root: string }): Bundle;
export function thirdPartyNotices(root: string, metafile: Metafile): string;
