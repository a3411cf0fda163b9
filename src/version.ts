// Replaced at build time by esbuild's `define`; the fallbacks serve tests running from source.
declare const __HUNKWISE_VERSION__: string | undefined;
declare const __HUNKWISE_BUILD_ID__: string | undefined;

export const TOOL_VERSION: string =
  typeof __HUNKWISE_VERSION__ === 'string' ? __HUNKWISE_VERSION__ : '0.0.0-dev';

/** Identifies the sources a bundle was built from; null when running from source (nothing may be cached by it). */
export const BUILD_ID: string | null =
  typeof __HUNKWISE_BUILD_ID__ === 'string' ? __HUNKWISE_BUILD_ID__ : null;
