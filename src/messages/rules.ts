// What the deterministic rules tell the user. A secret's value is never part of a message.

export const rulesMessages = {
  secret: (kind: string) =>
    `Possible ${kind} committed. Remove it from the change, rotate it, and load it from the environment or a secret store.`,
  possibleSecret: (kind: string) =>
    `Possible secret (${kind}): its context or its shape says credential, though its format is not a known one. It was redacted before any model saw it; if it is real, rotate it and load it from the environment or a secret store.`,
  secretSuggestion: () => 'Read the value from an environment variable or a secret manager instead.',
  conflictBlock: () => 'Unresolved merge conflict: the conflict markers were committed.',
  conflictMarker: (marker: string) => `Merge-conflict marker \`${marker}\` left in the file.`,
  debugger: () => '`debugger` statement left in the code.',
  focusedTest: (call: string) => `Focused test \`${call}\` skips every other test in the file.`,
};
