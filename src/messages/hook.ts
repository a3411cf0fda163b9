// What the pre-commit hook itself says when it skips or cannot run the review.

export const hookMessages = {
  skipped: () => 'hunkwise: REVIEW_SKIP=1, review skipped.',
  nodeMissing: () =>
    'hunkwise: node not found (GUI git clients start hooks with a short PATH); add `export PATH="<node dir>:$PATH"` to ~/.config/husky/init.sh or set HUNKWISE_NODE; review skipped.',
  selfNotBuilt: () => 'hunkwise: dist/ is not built in this checkout (npm run build); review skipped.',
  reviewMissing: () =>
    'hunkwise: the review command is not installed here (npm install -D hunkwise); review skipped.',
  crashed: (code: string) =>
    `hunkwise: the review could not run (exit ${code}); commit not blocked (REVIEW_REQUIRED=1 blocks instead). Run: npx hunkwise doctor`,
  interrupted: () => 'review: interrupted',
};
