// Sentences about a pool of local servers (local.hosts): which are up, which went down, and what happened
// to their requests.

export const poolMessages = {
  up: (up: number, total: number, first: string) =>
    `${up} of ${total} local servers ready (${first}${up > 1 ? ', …' : ''})`,
  noneUp: (total: number, first: string) => `none of the ${total} local servers is usable: ${first}`,
  hostDown: (host: string, reason: string, fix: string) => `local server ${host} skipped: ${reason} — ${fix}`,
  downAtStart: (host: string, reason: string) =>
    `local server ${host} was skipped: ${reason}; the others took its share`,
  lostMidRun: (host: string, reason: string) =>
    `local server ${host} failed mid-run (${reason}); its requests went to the others`,
  exhausted: (total: number, reasons: readonly string[]) =>
    `none of the ${total} local servers could answer: ${reasons.join('; ')}`,
  cancelled: () => 'cancelled while waiting for a free local server',
};
