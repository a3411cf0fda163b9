// The one module with a top-level effect: the bundle's starting point.
import { main } from './main.js';

await main();
