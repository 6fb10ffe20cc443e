/**
 * A filter compiled to a test over a row's BSATN bytes, so filtering a
 * million rows decodes only what it must: string columns are searched in
 * place (ASCII needles, folding case byte by byte, no string made); integers
 * are read directly; other columns decode one value and format it as the page
 * does (strings as they are, everything else as JSON), lowercased.
 */
import type { AlgebraicType } from 'spacetimedb';
import type { RowLayout } from '../db/row-layout.ts';
import { jsonDecoder } from '../values/json-decode.ts';
import { resolveType, type Typespace } from '../values/json-codec.ts';
import type { RowFilter } from './row-window-filter.ts';
import { intReader, stringLength } from './row-window-ints.ts';

/** Whether the value of one column, starting at `off` in `row`, passes. */
type CellTest = (row: Uint8Array, off: number) => boolean;

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** The cell's text as the page formats it, lowercased. */
function cellText(type: AlgebraicType, typespace: Typespace): (row: Uint8Array, off: number) => string {
  const tag = resolveType(type, typespace).tag;
  if (tag === 'String') return (row, off) => utf8.decode(row.subarray(off + 4, off + 4 + stringLength(row, off))).toLowerCase();
  if (tag === 'Bool') return (row, off) => (row[off] === 1 ? 'true' : 'false');
  const int = intReader(tag);
  if (int) return (row, off) => String(int(row, off));
  const dec = jsonDecoder(type, typespace);
  return (row, off) => {
    const v = dec({ view: new DataView(row.buffer, row.byteOffset, row.byteLength), bytes: row, pos: off });
    return (typeof v === 'string' ? v : JSON.stringify(v)).toLowerCase();
  };
}

/** `needle` (lowercase ASCII bytes) in row[start, end), ASCII letters compared without case. */
function asciiIncludes(row: Uint8Array, start: number, end: number, needle: Uint8Array): boolean {
  const m = needle.length;
  const first = needle[0]!;
  outer: for (let i = start; i + m <= end; i++) {
    let c = row[i]!;
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== first) continue;
    for (let j = 1; j < m; j++) {
      let d = row[i + j]!;
      if (d >= 65 && d <= 90) d |= 32;
      if (d !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}

function cellTest(type: AlgebraicType, typespace: Typespace, needle: string, exact: boolean): CellTest {
  const isString = resolveType(type, typespace).tag === 'String';
  // eslint-disable-next-line no-control-regex -- ASCII means code points 0–127
  if (isString && !exact && needle !== '' && /^[\x00-\x7f]*$/.test(needle)) {
    const bytes = encoder.encode(needle);
    return (row, off) => asciiIncludes(row, off + 4, off + 4 + stringLength(row, off), bytes);
  }
  const text = cellText(type, typespace);
  return exact ? (row, off) => text(row, off) === needle : (row, off) => text(row, off).includes(needle);
}

/** Compiles `filter` for rows of a table with these column types and layout. */
export function compileFilter(filter: RowFilter, columns: { sourceName: string; type: AlgebraicType }[], layout: RowLayout, typespace: Typespace): (row: Uint8Array) => boolean {
  switch (filter.kind) {
    case 'all':
      return () => true;
    case 'text': {
      const tests = columns.map(c => cellTest(c.type, typespace, filter.needle, false));
      return row => {
        const offs = layout.compute(row);
        for (let i = 0; i < tests.length; i++) if (tests[i]!(row, offs[i]!)) return true;
        return false;
      };
    }
    case 'column': {
      const col = columns.findIndex(c => c.sourceName === filter.column);
      const test = cellTest(columns[col]!.type, typespace, filter.needle, filter.exact);
      return row => test(row, layout.compute(row)[col]!);
    }
  }
}
