import { useEffect, useRef, useState } from 'react';
import { countsText, EVENT_KINDS, kindOf, type ClientEvent, type EventKind, type TableCounts } from '../clients/client-events.ts';

const short = (hex: string | null) => (hex ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : '—');
const time = (at: number) => new Date(at).toLocaleTimeString([], { hour12: false });

function Counts({ tables }: { tables: TableCounts }) {
  const entries = Object.entries(tables);
  if (entries.length === 0) return <span className="muted">no rows</span>;
  return (
    <>
      {entries.map(([t, c]) => (
        <span key={t} className="ev-table">
          {t} <b>{countsText(c)}</b>
        </span>
      ))}
    </>
  );
}

/** One line of the stream: what the SDK reported, in words. */
function EventLine({ e }: { e: ClientEvent }) {
  switch (e.type) {
    case 'connected':
      return <>connected · identity <code title={e.identity}>{short(e.identity)}</code> · connection <code title={e.connectionId ?? ''}>{short(e.connectionId)}</code></>;
    case 'disconnected':
      return <>disconnected{e.error ? `: ${e.error}` : ''}</>;
    case 'applied':
      return <>subscription applied <code>{e.query}</code> <Counts tables={e.tables} /></>;
    case 'unsubscribed':
      return <>unsubscribed <Counts tables={e.tables} /></>;
    case 'tx':
      return e.reducer ? (
        <>update from your call <b>{e.reducer}</b> <Counts tables={e.tables} /></>
      ) : (
        <span title="SpacetimeDB 2.x sends other clients', the owner's and scheduled transactions without their reducer or caller">
          update from someone else <Counts tables={e.tables} />
        </span>
      );
    case 'call':
      return (
        <>
          called <b>{e.reducer}</b> <code className="ev-args">{e.args}</code>{' '}
          {e.result.status === 'pending' ? <span className="muted">…</span> : e.result.status === 'ok' ? <span className="ok">ok</span> : <span className="bad">{e.result.message}</span>}
        </>
      );
    case 'error':
      return <span className="bad">{e.message}</span>;
  }
}

type Props = { name: string; events: ClientEvent[]; onClear(): void };

/** A client's event stream, newest last, filterable by kind; collapsed to its header on demand. */
export function ClientStream({ name, events, onClear }: Props) {
  const [open, setOpen] = useState(true);
  const [hidden, setHidden] = useState<Set<EventKind>>(new Set());
  const list = useRef<HTMLOListElement>(null);
  const shown = events.filter(e => !hidden.has(kindOf(e)));
  const last = shown.at(-1)?.seq;
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last, open]);
  const toggle = (k: EventKind) => setHidden(h => {
    const next = new Set(h);
    if (!next.delete(k)) next.add(k);
    return next;
  });

  return (
    <section className="client-stream" aria-label={`${name}'s events`}>
      <div className="stream-head">
        <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(o => !o)}>
          {open ? '▾' : '▸'} Events <span className="muted">{events.length}</span>
        </button>
        <span className="grow" />
        {open && (
          <>
            {EVENT_KINDS.map(k => (
              <label key={k} className={`ev-filter ev-${k}`} title={`Show ${k} events`}>
                <input type="checkbox" checked={!hidden.has(k)} onChange={() => toggle(k)} />
                {k}
              </label>
            ))}
            <button type="button" className="icon small" aria-label={`Clear ${name}'s events`} title="Clear" onClick={onClear}>⌫</button>
          </>
        )}
      </div>
      {open && (
        <ol className="stream-list" ref={list}>
          {shown.length === 0 && <li className="muted">Nothing yet.</li>}
          {shown.map(e => (
            <li key={e.seq} className={`ev ev-${kindOf(e)}`} data-type={e.type}>
              <span className="ev-time muted">{time(e.at)}</span> <EventLine e={e} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
