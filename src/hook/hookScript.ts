// The block `review init` puts into .husky/pre-commit: POSIX sh, run by husky's shim as `sh -e .husky/pre-commit`.
import { hookMessages } from '../messages/hook.js';

export const BLOCK_START = '# >>> hunkwise >>>';
export const BLOCK_END = '# <<< hunkwise <<<';

/**
 * Places where node lives when a GUI or IDE git client starts the hook with a minimal PATH
 * (no shell profile is read). Checked in order after PATH; nvm is handled separately because its
 * layout is per version.
 */
export const NODE_DIRS = [
  // biome-ignore lint/suspicious/noTemplateCurlyInString: sh parameter expansion, not a JS template
  '${VOLTA_HOME:-$HOME/.volta}/bin',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: sh parameter expansion, not a JS template
  '${FNM_DIR:-$HOME/.local/share/fnm}/aliases/default/bin',
  '$HOME/.fnm/aliases/default/bin',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: sh parameter expansion, not a JS template
  '${ASDF_DATA_DIR:-$HOME/.asdf}/shims',
  '$HOME/.local/share/mise/shims',
  '$HOME/.nodenv/shims',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: sh parameter expansion, not a JS template
  '${N_PREFIX:-$HOME/n}/bin',
  '/opt/homebrew/bin',
  '/usr/local/bin',
  '$HOME/.local/bin',
  '/usr/bin',
  '/c/Program Files/nodejs',
];

/** Single-quoted for sh: the message is data, never expanded. */
function shQuote(text: string): string {
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}

/**
 * The hook block. It runs in a subshell so its variables and `cd` never leak into the user's own
 * lines; `|| exit $?` propagates a blocking exit even when the file is not run with `sh -e`.
 * Exit codes of `review --staged --hook`: 0 pass, 1 blocked by fail_on / a secret, 5 blocked by
 * fail_on.unreachable, 130 interrupted; anything else means the review itself could not run, which
 * does not block the commit unless REVIEW_REQUIRED=1.
 */
export function hookBlock(nodeDirs: readonly string[] = NODE_DIRS): string {
  const dirs = nodeDirs.map((dir) => `    "${dir}"`).join(' \\\n');
  return `${BLOCK_START}
# Added by \`review init\`; it updates only the lines between these markers.
# Skip once: REVIEW_SKIP=1 git commit …  (or git commit --no-verify)
(
  if [ "\${REVIEW_SKIP:-}" = "1" ]; then
    echo ${shQuote(hookMessages.skipped())} >&2
    exit 0
  fi
  cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)" || exit 0
  hunkwise_required() {
    if [ "\${REVIEW_REQUIRED:-}" = "1" ]; then exit "$1"; fi
    exit 0
  }
  hunkwise_node=\${HUNKWISE_NODE:-}
  if [ -z "$hunkwise_node" ]; then hunkwise_node=$(command -v node 2>/dev/null || true); fi
  if [ -z "$hunkwise_node" ]; then
    for hunkwise_dir in \\
${dirs}; do
      if [ -x "$hunkwise_dir/node" ]; then hunkwise_node="$hunkwise_dir/node"; break; fi
      if [ -x "$hunkwise_dir/node.exe" ]; then hunkwise_node="$hunkwise_dir/node.exe"; break; fi
    done
  fi
  if [ -z "$hunkwise_node" ]; then
    hunkwise_nvm=\${NVM_DIR:-$HOME/.nvm}
    hunkwise_alias=$(cat "$hunkwise_nvm/alias/default" 2>/dev/null || true)
    hunkwise_alias=\${hunkwise_alias#v}
    case "$hunkwise_alias" in [0-9]*) ;; *) hunkwise_alias= ;; esac
    for hunkwise_candidate in "$hunkwise_nvm/versions/node/v$hunkwise_alias"*/bin/node; do
      if [ -x "$hunkwise_candidate" ]; then hunkwise_node=$hunkwise_candidate; fi
    done
  fi
  if [ -z "$hunkwise_node" ]; then
    echo ${shQuote(hookMessages.nodeMissing())} >&2
    hunkwise_required 1
  fi
  PATH="$(dirname "$hunkwise_node"):$PATH"
  export PATH
  hunkwise_code=0
  if [ -f node_modules/hunkwise/bin/review.js ]; then
    "$hunkwise_node" node_modules/hunkwise/bin/review.js --staged --hook || hunkwise_code=$?
  elif [ -f bin/review.js ] && grep -q '"name": *"hunkwise"' package.json 2>/dev/null; then
    if [ -f dist/cli.js ]; then
      "$hunkwise_node" bin/review.js --staged --hook || hunkwise_code=$?
    else
      echo ${shQuote(hookMessages.selfNotBuilt())} >&2
      hunkwise_required 1
    fi
  elif [ -x node_modules/.bin/review ]; then
    node_modules/.bin/review --staged --hook || hunkwise_code=$?
  elif npx --no-install hunkwise --version >/dev/null 2>&1; then
    npx --no-install hunkwise --staged --hook || hunkwise_code=$?
  else
    echo ${shQuote(hookMessages.reviewMissing())} >&2
    hunkwise_required 1
  fi
  case "$hunkwise_code" in
    0) exit 0 ;;
    1 | 5 | 130) exit "$hunkwise_code" ;;
    *)
      printf ${shQuote(`${hookMessages.crashed('%s')}\\n`)} "$hunkwise_code" >&2
      hunkwise_required "$hunkwise_code"
      ;;
  esac
) || exit $?
${BLOCK_END}
`;
}
