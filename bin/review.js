#!/usr/bin/env node
// Kept tiny: the hook pays for every line of start-up.
import module from 'node:module';

module.enableCompileCache?.();
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  // Exit 70, not Node's 1: the hook reads 1 as "findings block this commit".
  process.stderr.write(
    `review: cannot load hunkwise (${error.message}); run \`npm run build\` or reinstall.\n`,
  );
  process.exit(70);
}
await cli.main();
