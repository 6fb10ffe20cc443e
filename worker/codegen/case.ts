/**
 * Identifier cases as upstream's codegen computes them (Rust `convert_case`
 * 0.6: words split at `_`/`-`/space, lower→Upper, the end of an acronym
 * (`HTTPServer` → `HTTP`,`Server`) and every letter↔digit boundary).
 */

type Kind = 'lower' | 'upper' | 'digit' | 'other';

const kindOf = (c: string): Kind =>
  c >= '0' && c <= '9' ? 'digit' : c.toLowerCase() !== c ? 'upper' : c.toUpperCase() !== c ? 'lower' : 'other';

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

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

export const snakeCase = (name: string): string => splitWords(name).map(w => w.toLowerCase()).join('_');
export const pascalCase = (name: string): string => splitWords(name).map(capitalize).join('');
export const camelCase = (name: string): string =>
  splitWords(name)
    .map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w)))
    .join('');
