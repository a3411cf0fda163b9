// The code hosts `review pr` publishes on. A new host is one adapter (a module or a small folder under
// src/host/ implementing HostAdapter and ReviewHost) and one entry in this list.
import { github } from './github/adapter.js';
import type { HostAdapter } from './reviewHost.js';

export const HOSTS: readonly HostAdapter[] = [github];

/** The host whose CI runs this job; GitHub when none recognises it, so its reader says what is missing. */
export function hostFor(env: Record<string, string | undefined>): HostAdapter {
  return HOSTS.find((host) => host.detects(env)) ?? github;
}
