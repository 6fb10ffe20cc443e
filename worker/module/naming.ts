/**
 * Canonical names as upstream's schema validator computes them
 * (crates/schema/src/def/validate/v10.rs → `convert_case` 0.6 `Case::Snake`).
 * convert_case splits words at `_`/`-`/space, lower→Upper, acronym ends
 * (`HTTPServer` → `http_server`) and every letter↔digit boundary
 * (`Person2` → `person_2`, `i8` → `i_8`), which the library's own
 * `toSnakeCase` does not do.
 */
type Kind = 'lower' | 'upper' | 'digit' | 'other';

const kindOf = (c: string): Kind =>
  c >= '0' && c <= '9' ? 'digit' : c.toLowerCase() !== c ? 'upper' : c.toUpperCase() !== c ? 'lower' : 'other';

/** The words of an identifier, split as convert_case 0.6 splits them (case kept). */
export function splitWords(name: string): string[] {
  const words: string[] = [];
  const chars = [...name];
  let word = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '_' || c === '-' || c === ' ') {
      if (word) words.push(word);
      word = '';
      continue;
    }
    if (word) {
      const prev = kindOf(chars[i - 1]!);
      const cur = kindOf(c);
      const next = i + 1 < chars.length ? kindOf(chars[i + 1]!) : undefined;
      const split =
        (prev === 'lower' && cur === 'upper') ||
        (prev === 'digit' && (cur === 'upper' || cur === 'lower')) ||
        ((prev === 'upper' || prev === 'lower') && cur === 'digit') ||
        (prev === 'upper' && cur === 'upper' && next === 'lower');
      if (split) {
        words.push(word);
        word = '';
      }
    }
    word += c;
  }
  if (word) words.push(word);
  return words;
}

export function toSnakeCase(name: string): string {
  return splitWords(name)
    .map(w => w.toLowerCase())
    .join('_');
}
