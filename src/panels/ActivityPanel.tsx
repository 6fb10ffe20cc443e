import { describeOutcome, describeTx } from '../format.ts';
import type { Activity } from '../use-engine.ts';

/** The newest transactions first, with their outcome and console output; page notices in between. */
export function ActivityPanel({ items }: { items: Activity[] }) {
  return (
    <section className="panel" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      <ol className="activity" aria-label="Transactions">
        {items.length === 0 && <li className="empty">Transactions appear here as they commit.</li>}
        {items.map(item => {
          if ('notice' in item) {
            return (
              <li key={item.key} className={`notice ${item.tone}`}>
                {item.notice}
              </li>
            );
          }
          const { tx } = item;
          const outcome = describeOutcome(tx);
          return (
            <li key={item.key}>
              <div className="row">
                <span className="seq">#{tx.seq}</span>
                <span className="grow">{describeTx(tx)}</span>
                <time dateTime={tx.timestamp}>{tx.timestamp.slice(11, 23)}</time>
              </div>
              <div className={outcome.ok ? 'ok' : 'bad'}>
                {outcome.text}
                {tx.changes.length > 0 &&
                  ` · ${tx.changes.map(c => `${c.table} +${c.inserts}/−${c.deletes}`).join(', ')}`}
              </div>
              {outcome.detail && (
                <details className="stack-trace">
                  <summary>Stack trace</summary>
                  <pre>{outcome.detail}</pre>
                </details>
              )}
              {tx.logs.map((l, i) => (
                <div key={i} className={`log ${l.level}`}>
                  {l.message}
                </div>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
