// Picks the reporter for --format. Heavy or rarely used ones load only when asked for.
import type { Output } from '../output.js';
import type { ReviewResult } from '../types.js';
import type { RunMode } from '../vocabulary.js';
import { toJsonReport } from './json.js';
import { toRdjson } from './rdjson.js';
import { toSarif } from './sarif.js';
import { colorEnabled, renderTerminal } from './terminal.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'rdjson'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** Where the text report goes (colour only for a terminal) and the environment (NO_COLOR, FORCE_COLOR). */
  io: { stdout: Output; env: Record<string, string | undefined> };
  verbose: boolean;
  mode: RunMode;
  showSuppressed?: boolean;
}

export function renderReport(result: ReviewResult, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(result), null, 2)}\n`;
    case 'rdjson':
      return `${JSON.stringify(toRdjson(result), null, 2)}\n`;
    default:
      return renderTerminal(result, {
        color: colorEnabled(options.io.stdout, options.io.env),
        verbose: options.verbose,
        mode: options.mode,
        showSuppressed: options.showSuppressed ?? false,
      });
  }
}
