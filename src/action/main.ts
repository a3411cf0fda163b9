// The bundle's entry (action/dist/index.js): the runner starts `node action/dist/index.js` with the
// workspace as cwd and the inputs as INPUT_* variables.
import { runAction } from './runAction.js';

export async function main(): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.exitCode = await runAction({
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
}
