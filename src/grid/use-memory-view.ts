/** Sort and filter rows held in memory (SQL results, client caches): the grid's simple mode. */
import { useMemo } from 'react';
import type { Json } from '../../worker/api.ts';
import { fullValue } from '../format.ts';
import type { GridSort, GridView } from './grid-types.ts';

const compare = (a: Json | undefined, b: Json | undefined): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return fullValue(a).localeCompare(fullValue(b), undefined, { numeric: true });
};

export function useMemoryView(rows: Json[][], sort: GridSort, filter: string, flash?: ReadonlySet<number>): GridView {
  return useMemo(() => {
    const needle = filter.trim().toLowerCase();
    let idx = rows.map((_, i) => i);
    if (needle) idx = idx.filter(i => rows[i]!.some(v => fullValue(v).toLowerCase().includes(needle)));
    if (sort) {
      const dir = sort.dir === 'asc' ? 1 : -1;
      idx.sort((x, y) => dir * compare(rows[x]![sort.col], rows[y]![sort.col]));
    }
    return {
      count: idx.length,
      total: rows.length,
      row: i => rows[idx[i]!],
      flash: i => flash?.has(idx[i]!) ?? false,
      error: null,
    };
  }, [rows, sort, filter, flash]);
}
