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
