import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ClientView, InputResult, ModuleSummary } from '../../worker/api.ts';
import { describeOutcome } from '../format.ts';
import { host } from '../host.ts';

type Reducer = ModuleSummary['reducers'][number];
type Shown = { ok: boolean; text: string; logs: string[] };
const OWNER = '';

/** A starting point for the args editor: one placeholder value per parameter. */
function argsTemplate(r: Reducer | undefined, someClient: string | undefined): string {
  if (!r || r.params.length === 0) return '{}';
  const sample = (type: string) => {
    if (type === 'string') return '';
    if (type === 'bool') return false;
    if (/^[iuf]\d+$/.test(type)) return 0;
    if (type === 'Identity' && someClient) return `@${someClient}`;
    return null;
  };
  return JSON.stringify(Object.fromEntries(r.params.map(p => [p.name, sample(p.type)])));
}

function show(r: InputResult): Shown {
  if (!r.ok) return { ok: false, text: r.error.message, logs: [] };
  if (!r.tx) return { ok: true, text: 'Done', logs: [] };
  return { ...describeOutcome(r.tx), logs: r.tx.logs.map(l => `[${l.level}] ${l.message}`) };
}

/** Pick a reducer, write its args as JSON, call it as the owner or a connected client. */
export function ReducerPanel({ module, clients }: { module: ModuleSummary; clients: ClientView[] }) {
  const reducers = module.reducers.filter(r => r.lifecycle === null);
  const online = clients.filter(c => c.connections.length > 0).map(c => c.name);
  const [name, setName] = useState(reducers[0]?.name ?? '');
  const [args, setArgs] = useState(() => argsTemplate(reducers[0], undefined));
  const [as, setAs] = useState(OWNER);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const selected = reducers.find(r => r.name === name);
  const id = useId();
  // A client that went offline can't call: fall back to the owner.
  const caller = online.includes(as) ? as : OWNER;

  useEffect(() => {
    // A newly published module: start from its first reducer.
    const first = module.reducers.find(r => r.lifecycle === null);
    setName(first?.name ?? '');
    setArgs(argsTemplate(first, undefined));
    setShown(null);
  }, [module]);

  const pick = (next: string) => {
    setName(next);
    setArgs(argsTemplate(reducers.find(r => r.name === next), online[0]));
  };

  const call = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setShown({ ok: true, text: `Calling ${name}…`, logs: [] });
    setShown(show(await host.callReducer(name, args, caller === OWNER ? null : caller)));
    setBusy(false);
  };

  return (
    <section className="panel" aria-labelledby="reducers-heading">
      <h2 id="reducers-heading">Call a reducer</h2>
      <form className="stack" onSubmit={call}>
        <div className="row">
          <div className="field grow">
            <label htmlFor={`${id}-reducer`}>Reducer</label>
            <select id={`${id}-reducer`} value={name} onChange={e => pick(e.target.value)}>
              {reducers.map(r => (
                <option key={r.name} value={r.name}>
                  {r.name}({r.params.map(p => `${p.name}: ${p.type}`).join(', ')}){r.public ? '' : ' · private'}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-as`}>Call as</label>
            <select id={`${id}-as`} value={caller} onChange={e => setAs(e.target.value)}>
              <option value={OWNER}>owner</option>
              {online.map(n => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label>
          Arguments (JSON)
          <textarea className="code" rows={2} spellCheck={false} value={args} onChange={e => setArgs(e.target.value)} />
        </label>
        <div className="row">
          <button type="submit" disabled={busy || !selected}>
            {busy ? 'Calling…' : 'Call'}
          </button>
          <div role="status" aria-label="Outcome" className={`outcome grow ${shown ? (shown.ok ? 'ok' : 'bad') : ''}`}>
            {shown?.text}
          </div>
        </div>
        {shown && shown.logs.length > 0 && <pre className="logs">{shown.logs.join('\n')}</pre>}
      </form>
    </section>
  );
}
