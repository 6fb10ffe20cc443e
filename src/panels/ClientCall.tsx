import { useState, type FormEvent } from 'react';
import type { Json, ReducerForm } from '../../worker/api.ts';
import type { CallResult } from '../clients/client-events.ts';
import type { ClientState } from '../clients/sim-clients.ts';
import { FieldInput } from '../forms/FieldInput.tsx';
import { DraftError, draftJson, initialDraft, type Draft } from '../forms/field-json.ts';
import { workspace } from '../state/workspace.ts';

type Props = { client: ClientState; forms: ReducerForm[]; clients: ClientState[] };

const draftsFor = (f: ReducerForm | undefined): Record<string, Draft> => Object.fromEntries((f?.params ?? []).map(p => [p.name, initialDraft(p.type)]));

/** "Call as this client": a reducer and its fields, sent through the client's own SDK connection. */
export function ClientCall({ client: c, forms, clients }: Props) {
  const [name, setName] = useState(forms[0]?.name ?? '');
  const form = forms.find(f => f.name === name) ?? forms[0];
  const [drafts, setDrafts] = useState(() => draftsFor(form));
  const [result, setResult] = useState<CallResult | null>(null);
  const known = clients.map(x => ({ name: x.name, identity: x.identity }));
  const pick = (next: string) => {
    setName(next);
    setDrafts(draftsFor(forms.find(f => f.name === next)));
    setResult(null);
  };

  const call = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    let args: Record<string, Json>;
    try {
      args = Object.fromEntries(form.params.map(p => [p.name, draftJson(p.type, drafts[p.name] ?? null, p.name)]));
    } catch (err) {
      if (!(err instanceof DraftError)) throw err;
      return setResult({ status: 'error', message: err.message });
    }
    setResult({ status: 'pending' });
    setResult(await workspace.clients.callReducer(c.name, form, args));
  };

  if (!form) return null;
  return (
    <form className="client-call" aria-label={`Call as ${c.name}`} onSubmit={call}>
      <div className="row">
        <select aria-label={`Reducer to call as ${c.name}`} value={form.name} onChange={e => pick(e.target.value)}>
          {forms.map(f => <option key={f.name} value={f.name}>{f.name}</option>)}
        </select>
        <button type="submit" className="small" disabled={c.status !== 'online' || result?.status === 'pending'}>
          Call as {c.name}
        </button>
        <span role="status" aria-label={`Outcome of ${c.name}'s call`} className={`call-result grow ${result?.status === 'ok' ? 'ok' : result?.status === 'error' ? 'bad' : 'muted'}`}
          title={result?.status === 'error' ? result.message : ''}>
          {result?.status === 'pending' ? 'Calling…' : result?.status === 'ok' ? 'ok' : result?.status === 'error' ? result.message : ''}
        </span>
      </div>
      {form.params.length > 0 && (
        <div className="client-call-fields">
          {form.params.map(p => (
            <FieldInput key={`${form.name}.${p.name}`} label={p.name} type={p.type} value={drafts[p.name] ?? null} clients={known}
              onChange={v => setDrafts(d => ({ ...d, [p.name]: v }))} />
          ))}
        </div>
      )}
    </form>
  );
}
