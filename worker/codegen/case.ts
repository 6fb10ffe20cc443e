/**
 * Identifier cases as upstream's codegen computes them (Rust `convert_case`
 * 0.6: words split at `_`/`-`/space, lower→Upper, the end of an acronym
 * (`HTTPServer` → `HTTP`,`Server`) and every letter↔digit boundary).
 */

import { splitWords, toSnakeCase } from '../module/naming.ts';

export { splitWords };

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

export const snakeCase = toSnakeCase;
export const pascalCase = (name: string): string => splitWords(name).map(capitalize).join('');
export const camelCase = (name: string): string =>
  splitWords(name)
    .map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w)))
    .join('');
