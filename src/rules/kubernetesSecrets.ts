// Kubernetes `kind: Secret` manifests in YAML: every value under `data:` (base64) and `stringData:` (plain
// text) is a secret by the manifest's own word, whatever it looks like. Each is a possible secret, redacted and
// reported; a `data:` value whose decoded text holds a known format or a private key blocks, under that kind.
// @see https://kubernetes.io/docs/concepts/configuration/secret/
import { isCodeOrInstruction } from './notASecret.js';
import { Lines, type SecretMatch } from './secretMatch.js';

/** Finds the secrets in a decoded `data:` value (the detector itself, injected to keep the modules a tree). */
export type DecodedDetector = (decoded: string) => Promise<SecretMatch[]>;

/** `kind: Secret`, quoted or not, any case (gitleaks' own examples write `kind: secret`). */
const SECRET_KIND = /^[ \t]*["']?kind["']?[ \t]*:[ \t]*["']?secret["']?[ \t]*$/im;
/** A manifest cut by the hunk's edge still says what it is in its file name: `k8s/db-secret.yaml`. */
const SECRET_FILE = /secret[^/]*\.ya?ml$/i;
const ANY_KIND = /^[ \t]*["']?kind["']?[ \t]*:/m;
const BLOCK_HEADER = /^(?<indent>[ \t]*)(?<field>data|stringData)[ \t]*:[ \t]*$/;
const ENTRY = /^(?<indent>[ \t]*)["']?[-._A-Za-z0-9]{1,253}["']?[ \t]*:(?<rest>.*)$/;
const BLOCK_SCALAR = /^[ \t]*[|>][-+0-9]{0,2}[ \t]*$/;
const BASE64 = /^[A-Za-z0-9+/]{2,}={0,2}$/;

interface Value {
  index: number;
  length: number;
  base64: boolean;
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;

/** The value on an entry's line, or in the block-scalar lines under it, without quotes or indentation. */
function* valuesOf(lines: readonly string[], starts: readonly number[], base64: boolean): Generator<Value> {
  for (let i = 0; i < lines.length; i++) {
    const entry = ENTRY.exec(lines[i]!);
    if (!entry?.groups) continue;
    const rest = entry.groups.rest!;
    if (BLOCK_SCALAR.test(rest)) {
      const own = entry.groups.indent!.length;
      for (let j = i + 1; j < lines.length && (lines[j]!.trim() === '' || indentOf(lines[j]!) > own); j++) {
        const text = lines[j]!.trim();
        if (text) yield { index: starts[j]! + lines[j]!.indexOf(text), length: text.length, base64 };
      }
      continue;
    }
    const raw = rest.replace(/[ \t]+#.*$/, '').trim();
    const value = raw.replace(/^(["'])(.*)\1$/, '$2');
    if (value === '' || value === '{}') continue;
    const at = starts[i]! + lines[i]!.length - rest.length + rest.indexOf(value);
    yield { index: at, length: value.length, base64 };
  }
}

/** The `data:` and `stringData:` values in one YAML document starting at offset `at` of the text. */
function secretValues(text: string, at: number): Value[] {
  const lines = text.split('\n');
  const starts = new Lines(text).starts.map((start) => start + at);
  const found: Value[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = BLOCK_HEADER.exec(lines[i]!);
    if (!header?.groups) continue;
    const own = header.groups.indent!.length;
    let end = i + 1;
    while (end < lines.length && (lines[end]!.trim() === '' || indentOf(lines[end]!) > own)) end++;
    const base64 = header.groups.field === 'data';
    found.push(...valuesOf(lines.slice(i + 1, end), starts.slice(i + 1, end), base64));
    i = end - 1;
  }
  return found;
}

/** YAML documents (`---` separates them), each with its offset: a ConfigMap next to a Secret is not one. */
function documents(text: string): Array<{ text: string; at: number }> {
  const docs: Array<{ text: string; at: number }> = [];
  let at = 0;
  for (const separator of text.matchAll(/^---[ \t]*$/gm)) {
    docs.push({ text: text.slice(at, separator.index), at });
    at = separator.index! + separator[0].length;
  }
  docs.push({ text: text.slice(at), at });
  return docs;
}

/** The document says `kind: Secret`, or says no kind at all in a file named as a secret. */
function isSecret(doc: string, path: string): boolean {
  return SECRET_KIND.test(doc) || (SECRET_FILE.test(path) && !ANY_KIND.test(doc));
}

function decoded(value: string): string | null {
  if (!BASE64.test(value) || value.length % 4 !== 0) return null;
  return Buffer.from(value, 'base64').toString('utf8');
}

/** Secrets in Kubernetes Secret manifests; `detect` looks into decoded `data:` values for known formats. */
export async function kubernetesSecrets(
  text: string,
  path: string,
  detect: DecodedDetector,
): Promise<SecretMatch[]> {
  const found: SecretMatch[] = [];
  for (const value of documents(text).flatMap((doc) =>
    isSecret(doc.text, path) ? secretValues(doc.text, doc.at) : [],
  )) {
    const raw = text.slice(value.index, value.index + value.length);
    if (isCodeOrInstruction(raw)) continue;
    const plain = value.base64 ? decoded(raw) : null;
    const known = plain === null ? undefined : (await detect(plain)).find((m) => m.tier === 'block');
    found.push({
      index: value.index,
      length: value.length,
      kind: known?.kind ?? 'Kubernetes Secret value',
      tier: known ? 'block' : 'possible',
    });
  }
  return found;
}
