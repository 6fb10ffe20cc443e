import { useEffect, useState } from 'react';
import type { TableCount } from '../../worker/api.ts';
import { timelineHost } from './timeline-host.ts';

/** Row counts per table right after entry `at` (null while live, or until they arrive). */
export function usePastCounts(at: number | null): TableCount[] | null {
  const [counts, setCounts] = useState<{ at: number; tables: TableCount[] } | null>(null);
  useEffect(() => {
    if (at === null) return;
    let current = true;
    void timelineHost.tablesAt(at).then(r => current && r.ok && setCounts({ at, tables: r.tables }));
    return () => {
      current = false;
    };
  }, [at]);
  return at !== null && counts?.at === at ? counts.tables : null;
}
