// The `.husky/_` directory husky 9 creates, reproduced so `review init` works without husky installed.
// Text copied from husky 9.1.7 (MIT, typicode) `husky` and `index.js`. @see https://github.com/typicode/husky

export const HUSKY_DIR = '.husky';
export const HOOKS_PATH = '.husky/_';

export const HUSKY_HOOKS = [
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-rebase',
  'post-rewrite',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-auto-gc',
];

/** `.husky/_/h`: runs `.husky/<hook>` with node_modules/.bin on PATH, honouring HUSKY=0 and ~/.config/husky/init.sh. */
export const HUSKY_SHIM = `#!/usr/bin/env sh
[ "$HUSKY" = "2" ] && set -x
n=$(basename "$0")
s=$(dirname "$(dirname "$0")")/$n

[ ! -f "$s" ] && exit 0

if [ -f "$HOME/.huskyrc" ]; then
	echo "husky - '~/.huskyrc' is DEPRECATED, please move your code to ~/.config/husky/init.sh"
fi
i="\${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh"
[ -f "$i" ] && . "$i"

[ "\${HUSKY-}" = "0" ] && exit 0

export PATH="node_modules/.bin:$PATH"
sh -e "$s" "$@"
c=$?

[ $c != 0 ] && echo "husky - $n script failed (code $c)"
[ $c = 127 ] && echo "husky - command not found in PATH=$PATH"
exit $c
`;

/** Each `.husky/_/<hook>` just sources the shim. */
export const HUSKY_HOOK_STUB = '#!/usr/bin/env sh\n. "$(dirname "$0")/h"';

/** `.husky/_/husky.sh`: husky 8 hooks source it; husky 9 keeps it only to print how to migrate. */
export const HUSKY_DEPRECATED_SH = `echo "husky - DEPRECATED

Please remove the following two lines from $0:

#!/usr/bin/env sh
. \\"\\$(dirname -- \\"\\$0\\")/_/husky.sh\\"

They WILL FAIL in v10.0.0
"`;
