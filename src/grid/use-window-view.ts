/**
 * How it works: the rows of a windowed grid live in the engine; the page
 * keeps pages of PAGE rows around the scroll position. When the visible
 * range, the sort, the filter or the source's version changes, the missing
 * (or out-of-date) visible pages are fetched after a short debounce, so a
 * fast scroll asks only where it stops. Each answer is checked against the
 * query and version it was asked for; an older one is dropped. After a
 * transaction (a new version) out-of-date pages keep showing until their
 * fresh copy arrives, so nothing blinks, and only visible pages are asked for.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Json } from '../../worker/api.ts';
import type { GridSort, GridSource, GridView, WindowAnswer } from './grid-types.ts';

const PAGE = 100;
const MAX_PAGES = 40;
const DEBOUNCE_MS = 50;

type Page = { rows: Json[][]; changed: ReadonlySet<number>; version: number };
type Loaded = {
  query: string;
  pages: ReadonlyMap<number, Page>;
  matched: number;
  total: number;
  error: string | null;
  /** The query and version the error answered, so it is not asked again until one changes. */
  failed: string | null;
};

const NONE: Loaded = { query: '', pages: new Map(), matched: 0, total: 0, error: null, failed: null };

function merge(prev: Loaded, query: string, version: number, page: number, a: WindowAnswer): Loaded {
  if (!a.ok) return { query, pages: new Map(), matched: 0, total: prev.total, error: a.error, failed: `${query}@${version}` };
  const pages = new Map(prev.query === query ? prev.pages : []);
  pages.set(page, { rows: a.rows, changed: new Set(a.changed), version });
  // Past the budget, forget the pages farthest from the one that just came.
  const far = [...pages.keys()].sort((x, y) => Math.abs(y - page) - Math.abs(x - page));
  for (let i = 0; pages.size > MAX_PAGES; i++) pages.delete(far[i]!);
  return { query, pages, matched: a.matched, total: a.total, error: null, failed: null };
}

export function useWindowView(source: GridSource | undefined, columns: readonly string[], sort: GridSort, filter: string, start: number, end: number): GridView {
  const [loaded, setLoaded] = useState<Loaded>(NONE);
  const inflight = useRef(new Map<number, string>());
  const latest = useRef('');
  const version = source?.version ?? 0;
  const sortSpec = useMemo(() => (sort && columns[sort.col] !== undefined ? { column: columns[sort.col]!, dir: sort.dir } : null), [sort, columns]);
  const needle = filter.trim();
  const query = source ? JSON.stringify([source.key, sortSpec, needle]) : '';

  useEffect(() => {
    if (!source) return;
    const token = `${query}@${version}`;
    latest.current = token;
    if (loaded.failed === token) return;
    const pages = loaded.query === query ? loaded.pages : new Map<number, Page>();
    const first = Math.floor(start / PAGE);
    const last = Math.max(first, Math.floor((end - 1) / PAGE));
    const want: number[] = [];
    for (let p = first; p <= last; p++) if (pages.get(p)?.version !== version && inflight.current.get(p) !== token) want.push(p);
    if (want.length === 0) return;
    const timer = setTimeout(() => {
      for (const p of want) {
        inflight.current.set(p, token);
        source
          .fetch({ offset: p * PAGE, limit: PAGE, sort: sortSpec, filter: needle })
          .catch((e: unknown): WindowAnswer => ({ ok: false, error: e instanceof Error ? e.message : String(e) }))
          .then(answer => {
            if (inflight.current.get(p) === token) inflight.current.delete(p);
            // Asked before the sort, filter or data changed: a newer question is on its way.
            if (latest.current !== token) return;
            setLoaded(prev => merge(prev, query, version, p, answer));
          });
      }
    }, pages.size === 0 ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [source, query, version, start, end, loaded, sortSpec, needle]);

  return useMemo((): GridView => {
    const cur = loaded.query === query ? loaded : null;
    const page = (i: number) => cur?.pages.get(Math.floor(i / PAGE));
    return {
      // While a new sort or filter loads, keep the old height: no jump to "no rows" and back.
      count: cur ? cur.matched : loaded.matched,
      total: loaded.total,
      row: i => page(i)?.rows[i % PAGE],
      flash: i => {
        const p = page(i);
        return p !== undefined && p.version === version && p.changed.has(i % PAGE);
      },
      error: cur?.error ?? null,
    };
  }, [loaded, query, version]);
}
