/**
 * `signal` or `ms`, whichever comes first. Not `AbortSignal.any([s, AbortSignal.timeout(ms)])`: on Node 20 a GC
 * can collect the timeout signal inside `any()` so it never fires (nodejs/node#57736), and a hung server hangs us.
 * The timer here is held by the event loop's timer list (unref'd, so it never keeps the process alive).
 */
export function timeoutSignal(signal: AbortSignal, ms: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('timed out', 'TimeoutError')),
    Math.max(0, ms),
  );
  timer.unref();
  const stop = () => {
    clearTimeout(timer);
    controller.abort(signal.reason);
  };
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return controller.signal;
}

/**
 * A controller of one's own that also aborts (with the same reason) when `parent` does: a task can stop its
 * own work early without touching the caller's signal. Not `AbortSignal.any` (see timeoutSignal above).
 */
export function childController(parent: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (!parent) return controller;
  const stop = () => controller.abort(parent.reason);
  if (parent.aborted) stop();
  else parent.addEventListener('abort', stop, { once: true });
  return controller;
}

/** Whether `signal` was aborted by a deadline (timeoutSignal) rather than by the user or a caller's choice. */
export function abortedByDeadline(signal: AbortSignal | undefined): boolean {
  return (
    signal?.aborted === true && (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError'
  );
}
