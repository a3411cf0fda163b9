// Pure: the package's own config.yml → the text `review init` writes into a user's repository.
import { docsUrl } from '../messages/docsUrl.js';

/** Where the schema lives once hunkwise is installed as a dependency. */
export const INSTALLED_SCHEMA = './node_modules/hunkwise/schema/config.json';

/**
 * The package's config.yml documents every key with its default; in a user's repository its schema line
 * must point into node_modules, and the line calling it "this repository's own config" must go.
 */
export function configTemplateFor(packageConfig: string): string {
  return packageConfig
    .replace(/(yaml-language-server:\s*\$schema=)\.\/schema\/config\.json/, `$1${INSTALLED_SCHEMA}`)
    .replace(
      /^# hunkwise configuration: this repository's own config and the documented example\.$/m,
      '# hunkwise configuration, written by `review init`.',
    )
    .replace(
      /^# Reference: docs\/config\.md\./m,
      `# Reference: ${docsUrl('config.md')} (also node_modules/hunkwise/docs/config.md).`,
    );
}
