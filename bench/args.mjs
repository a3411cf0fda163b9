// Command-line bits the bench scripts share: `--name value` options and a `NAME@from..to` change.

/** The value after `--name` on the command line, else `fallback`. */
export function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/** `postcss@8.4.20..8.4.31` → `{ name: 'postcss', from: '8.4.20', to: '8.4.31' }` (scoped names keep their @). */
export function parseChange(spec) {
  const [nameAndFrom, to] = spec.split('..');
  const at = nameAndFrom.lastIndexOf('@');
  return { name: nameAndFrom.slice(0, at), from: nameAndFrom.slice(at + 1), to };
}
