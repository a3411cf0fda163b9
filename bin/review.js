#!/usr/bin/env node
// Kept tiny: the hook pays for every line of start-up.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../dist/cli.js');
await main();
