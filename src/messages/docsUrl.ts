// Where a message sends the reader for more. Absolute, version-pinned URLs: a message is read in a
// terminal or a CI log of another repository, where a relative `docs/…` path resolves to nothing.
// The same pages ship in the npm package (docs/), so an offline reader finds them under node_modules/hunkwise.
import { TOOL_VERSION } from '../version.js';

export const REPOSITORY_URL = 'https://github.com/hunkwise/hunkwise';

/** `docs/<page>` of the released version this build is (`main` when running from source). */
export function docsUrl(page: string, anchor = ''): string {
  const ref = TOOL_VERSION === '0.0.0-dev' ? 'main' : `v${TOOL_VERSION}`;
  return `${REPOSITORY_URL}/blob/${ref}/docs/${page}${anchor ? `#${anchor}` : ''}`;
}
