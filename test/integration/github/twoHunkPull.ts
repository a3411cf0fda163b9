// A pull request of one file with two hunks (lines 1-4 and 21-23 on the new side) on the fake GitHub:
// the smallest diff where "inside a hunk", "between hunks" and "across hunks" all occur.
import { startGitHubServer } from '../../fakes/githubServer.js';

export const DIFF = `diff --git a/a.ts b/a.ts
--- a/a.ts
+++ b/a.ts
@@ -1,3 +1,4 @@
 one
+two
 three
 four
@@ -20,3 +21,3 @@
 twenty
-old
+new
 end
`;
export const HEAD = 'c'.repeat(40);

/** `o/r` pull request #1 at HEAD, token `t`. */
export function startTwoHunkPull() {
  return startGitHubServer({
    owner: 'o',
    repo: 'r',
    token: 't',
    pull: { number: 1, headSha: HEAD, baseSha: 'd'.repeat(40), headRepo: 'o/r', diff: DIFF },
  });
}
