// Picks the reporter for --format. Heavy or rarely used ones load only when asked for.
import type { CliIo } from '../cli/io.js';
import type { ReviewResult } from '../types.js';
import { toJsonReport } from './json.js';
import { toRdjson } from './rdjson.js';
import { toSarif } from './sarif.js';
import { colorEnabled, renderTerminal } from './terminal.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'rdjson'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  io: CliIo;
  verbose: boolean;
  mode: 'hook' | 'cli' | 'ci';
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
