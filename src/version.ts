// Replaced at build time by esbuild's `define`; the fallback serves tests running from source.
declare const __HUNKWISE_VERSION__: string | undefined;

export const TOOL_VERSION: string =
  typeof __HUNKWISE_VERSION__ === 'string' ? __HUNKWISE_VERSION__ : '0.0.0-dev';
