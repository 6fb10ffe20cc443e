import { useWorkspace } from '../state/use-workspace.ts';
import { useTimeline } from '../timeline/timeline-store.ts';

/** Engine state, rows, transactions and clients at a glance. */
export function StatusBar() {
  const s = useWorkspace();
  const t = useTimeline();
  const rows = s.counts.reduce((n, t) => n + t.rows, 0);
  const online = s.clients.filter(c => c.status === 'online').length;
  const engine = s.status.tone === 'busy' ? 'engine busy' : s.module ? 'engine ready' : s.status.tone === 'error' ? 'engine: nothing published' : 'engine starting';
  return (
    <footer className="statusbar" aria-label="Status bar">
      <span className={`dot ${s.module ? 'online' : ''}`} aria-hidden="true" />
      <span>{engine}</span>
      <span>{s.module ? `${s.module.tables.length} tables` : ''}</span>
      <span>{rows} rows</span>
      <span>{s.txCount} transactions</span>
      <span>
        {online}/{s.clients.length} clients online
      </span>
      <span className="grow" />
      <span className={t.viewing === null ? undefined : 'warn'}>
        {t.viewing === null ? `${t.timeline ?? 'timeline'}: live, ${t.points.length} entries` : `viewing #${t.viewing} of ${t.points.length} (${t.timeline})`}
      </span>
      <span>clock: live</span>
    </footer>
  );
}
