import { useEffect, useRef, useState } from 'react';
import type { TxView } from '../../worker/api.ts';
import { describeOutcome, describeTx } from '../format.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import type { LogItem } from '../state/workspace-types.ts';
import { timeline, useTimeline } from '../timeline/timeline-store.ts';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<string, number> = { panic: 0, error: 0, warn: 1, info: 2, debug: 3, trace: 4 };

/** How loud an entry is: a failure is an error; otherwise its loudest console line (info when silent). */
function levelOf(item: LogItem): number {
  if ('notice' in item) return item.tone === 'warn' ? 1 : 2;
  const failed = item.tx.outcome.status !== 'committed' ? 0 : 2;
  return Math.min(failed, ...item.tx.logs.map(l => RANK[l.level] ?? 2));
}

const matches = (tx: TxView, text: string) => `${tx.reducer ?? ''} ${tx.kind} ${tx.caller}`.toLowerCase().includes(text);

/** Every transaction and console line, oldest first, following the newest; filter by level, text and outcome. */
export function LogPanel({ active }: { active: boolean }) {
  const { log } = useWorkspace();
  const { points } = useTimeline();
  // Only this module version's transactions are entries of the live timeline.
  let since = -1;
  for (const i of log) if ('tx' in i && i.tx.kind === 'publish') since = i.key;
  const jumpable = (item: LogItem): boolean => item.key >= since && 'tx' in item && item.tx.seq < points.length;
  const [level, setLevel] = useState<Level>('debug');
  const [text, setText] = useState('');
  const [failedOnly, setFailedOnly] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const max = RANK[level]!;
  const needle = text.trim().toLowerCase();
  const shown = log.filter(item => {
    if (levelOf(item) > max) return false;
    if ('notice' in item) return !failedOnly && (!needle || item.notice.toLowerCase().includes(needle));
    return (!failedOnly || item.tx.outcome.status !== 'committed') && (!needle || matches(item.tx, needle));
  });

  useEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [shown.length, active]);

  return (
    <div className="log-panel">
      <div className="panel-tools">
        <label>
          Level{' '}
          <select aria-label="Log level" value={level} onChange={e => setLevel(e.target.value as Level)}>
            <option value="error">errors</option>
            <option value="warn">warnings and up</option>
            <option value="info">info and up</option>
            <option value="debug">debug and up</option>
            <option value="trace">everything</option>
          </select>
        </label>
        <input type="search" aria-label="Filter log by reducer or client" placeholder="reducer or client" value={text} onChange={e => setText(e.target.value)} />
        <label className="check">
          <input type="checkbox" checked={failedOnly} onChange={e => setFailedOnly(e.target.checked)} /> failed only
        </label>
        <span className="muted">{shown.length} of {log.length}</span>
      </div>
      <div className="log-scroll" ref={scroller} onScroll={e => (stick.current = e.currentTarget.scrollTop + e.currentTarget.clientHeight >= e.currentTarget.scrollHeight - 8)}>
        <ol className="log" aria-label="Log">
          {shown.length === 0 && <li className="empty">Transactions and console output appear here.</li>}
          {shown.map(item => (
            <LogLine key={item.key} item={item} max={max} jump={jumpable(item)} />
          ))}
        </ol>
      </div>
    </div>
  );
}

function LogLine({ item, max, jump }: { item: LogItem; max: number; jump: boolean }) {
  if ('notice' in item) return <li className={`log-notice ${item.tone}`}><time>{item.at.slice(11, 23)}</time> {item.notice}</li>;
  const { tx } = item;
  const outcome = describeOutcome(tx);
  return (
    <li className={outcome.ok ? 'log-tx' : 'log-tx failed'}>
      <div className="log-row">
        <time dateTime={tx.timestamp}>{tx.timestamp.slice(11, 23)}</time>
        {jump ? (
          <button type="button" className="link seq" onClick={() => timeline.seek(tx.seq)} title="View the database right after this transaction" aria-label={`View #${tx.seq} on the timeline`}>#{tx.seq}</button>
        ) : <span className="seq">#{tx.seq}</span>}
        <span className="what">{describeTx(tx)}</span>
        <span className={outcome.ok ? 'ok' : 'bad'}>{outcome.ok ? `ok ${tx.durationMs.toFixed(1)} ms` : outcome.text}</span>
        <span className="muted changes">{tx.changes.map(c => `${c.table} +${c.inserts}/−${c.deletes}`).join('  ')}</span>
      </div>
      {tx.logs.filter(l => (RANK[l.level] ?? 2) <= max).map((l, i) => (
        <div key={i} className={`log-line ${l.level}`}><span className="lvl">{l.level}</span> {l.message}</div>
      ))}
      {outcome.detail && (
        <details className="stack-trace">
          <summary>Stack trace</summary>
          <pre>{outcome.detail}</pre>
        </details>
      )}
    </li>
  );
}
