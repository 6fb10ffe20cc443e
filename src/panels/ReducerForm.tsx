import { useState, type FormEvent } from 'react';
import type { InputResult, ReducerForm as Form } from '../../worker/api.ts';
import type { ClientState } from '../clients/sim-clients.ts';
import { describeOutcome } from '../format.ts';
import { FieldInput } from '../forms/FieldInput.tsx';
import { DraftError, draftJson, initialDraft, type Draft } from '../forms/field-json.ts';
import { host } from '../host.ts';
import { CallerSelect, callerOf, OWNER } from './CallerSelect.tsx';

type Shown = { ok: boolean; text: string; detail?: string; logs: string[] };

function show(r: InputResult): Shown {
  if (!r.ok) return { ok: false, text: r.error.message, logs: [] };
  if (!r.tx) return { ok: true, text: 'Done', logs: [] };
  return { ...describeOutcome(r.tx), logs: r.tx.logs.map(l => `[${l.level}] ${l.message}`) };
}

type Props = { form: Form; isPublic: boolean; scheduledBy: string | null; clients: ClientState[] };

/** A reducer's parameters as fields, a caller, and the outcome of the last call right below. */
export function ReducerForm({ form, isPublic, scheduledBy, clients }: Props) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => Object.fromEntries(form.params.map(p => [p.name, initialDraft(p.type)])));
  // Until picked, calls go as the first connected client (most reducers act for a user), else the owner.
  const [picked, setAs] = useState<string | null>(null);
  const as = picked ?? clients.find(c => c.status === 'online')?.name ?? OWNER;
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const known = clients.map(c => ({ name: c.name, identity: c.identity }));

  const call = async (e: FormEvent) => {
    e.preventDefault();
    let args: string;
    try {
      args = JSON.stringify(Object.fromEntries(form.params.map(p => [p.name, draftJson(p.type, drafts[p.name] ?? null, p.name)])));
    } catch (err) {
      if (!(err instanceof DraftError)) throw err;
      return setShown({ ok: false, text: err.message, logs: [] });
    }
    setBusy(true);
    setShown({ ok: true, text: `Calling ${form.name}…`, logs: [] });
    setShown(show(await host.callReducer(form.name, args, callerOf(as, clients))));
    setBusy(false);
  };

  return (
    <form className="reducer-form" aria-label={`Reducer ${form.name}`} onSubmit={call}>
      <div className="reducer-head">
        <h3>{form.name}</h3>
        {!isPublic && <span className="badge quiet">private: owner only</span>}
        {scheduledBy && <span className="badge quiet">scheduled by {scheduledBy}</span>}
        <span className="grow" />
        <CallerSelect label="Call as" value={as} onChange={setAs} clients={clients} />
        <button type="submit" disabled={busy}>{busy ? 'Calling…' : 'Call'}</button>
      </div>
      {form.params.length > 0 && (
        <div className="reducer-fields">
          {form.params.map(p => (
            <FieldInput key={p.name} label={p.name} type={p.type} value={drafts[p.name] ?? null} clients={known} onChange={v => setDrafts(d => ({ ...d, [p.name]: v }))} />
          ))}
        </div>
      )}
      <div role="status" aria-label={`Outcome of ${form.name}`} className={`outcome ${shown ? (shown.ok ? 'ok' : 'bad') : ''}`}>
        {shown?.text}
      </div>
      {shown?.detail && (
        <details className="stack-trace">
          <summary>Stack trace</summary>
          <pre>{shown.detail}</pre>
        </details>
      )}
      {shown && shown.logs.length > 0 && <pre className="logs">{shown.logs.join('\n')}</pre>}
    </form>
  );
}
