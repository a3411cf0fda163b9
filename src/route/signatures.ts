// Changed lines that alter a public surface: exported declarations and public methods across common
// languages. A simple line test, so a reviewer of a wide change knows which hunks ripple outwards.

const PUBLIC_DECLARATIONS: RegExp[] = [
  // JavaScript / TypeScript
  /^\s*export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|interface|type|enum|const|let|var|namespace)\s+[\w$]/,
  /^\s*export\s+(?:default\b|\{|\*\s+from)/,
  /^\s*(?:module\.)?exports(?:\.[\w$]+)?\s*=/,
  // Java, C#, Kotlin, TypeScript classes: public members with a parameter list
  /^\s*public\s+(?:static\s+|final\s+|abstract\s+|async\s+|override\s+|virtual\s+)*[\w$<>[\],.? ]*\(/,
  // Python: top-level functions and classes not marked private
  /^(?:async\s+)?def\s+[A-Za-z]\w*\s*\(|^class\s+[A-Za-z]\w*/,
  // Go: exported functions, methods and types start with a capital letter
  /^func\s+(?:\([^)]*\)\s*)?[A-Z]\w*\s*[([]|^type\s+[A-Z]\w*\s/,
  // Rust
  /^\s*pub\s+(?:async\s+)?(?:fn|struct|enum|trait|type|const|mod)\s/,
];

/** The first changed line that declares or alters a public signature, or null. */
export function changedSignature(lines: readonly { kind: string; text: string }[]): string | null {
  for (const line of lines) {
    if (line.kind === 'ctx') continue;
    if (PUBLIC_DECLARATIONS.some((p) => p.test(line.text))) return line.text.trim().slice(0, 80);
  }
  return null;
}
