// A fetch whose response body fails once the server goes quiet for too long. The Anthropic SDK's `timeout`
// covers a request until its headers arrive; the body it then reads (a JSON answer, an SSE stream) has no
// bound, so a server that sends headers and stalls would hold the run until its deadline, or forever.
import { AttemptTimeoutError } from '../batch.js';

/**
 * Wraps `base`: each response body errors with an AttemptTimeoutError when no chunk arrives for `idleMs`,
 * and the request is aborted so its socket is released. Bodies that keep flowing are never cut.
 */
export function bodyIdleTimeout(base: typeof fetch, idleMs: number): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const outer = init?.signal;
    const onOuter = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuter();
    else outer?.addEventListener('abort', onOuter, { once: true });
    const response = await base(input, { ...init, signal: controller.signal });
    if (!response.body) return response;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let arm = () => {};
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        start(stream) {
          arm = () => {
            clearTimeout(timer);
            timer = setTimeout(() => {
              const error = new AttemptTimeoutError(idleMs);
              stream.error(error);
              controller.abort(error);
            }, idleMs);
            // A body nobody reads to the end (an error answer the SDK discards) must not hold the process.
            timer.unref();
          };
          arm();
        },
        transform(chunk, stream) {
          arm();
          stream.enqueue(chunk);
        },
        flush() {
          clearTimeout(timer);
          outer?.removeEventListener('abort', onOuter);
        },
      }),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
