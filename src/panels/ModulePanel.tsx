import { useEffect, useState, type FormEvent } from 'react';
import type { Diagnostic } from '../../worker/api.ts';

type Props = {
  source: string;
  onChange(source: string): void;
  onPublish(): void;
  onReset(): void;
  diagnostics: Diagnostic[];
  busy: boolean;
};

/** The module's source (one file, `index.ts`): edit it and publish it onto a fresh database. */
export function ModulePanel({ source, onChange, onPublish, onReset, diagnostics, busy }: Props) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (diagnostics.length > 0) setOpen(true);
  }, [diagnostics]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onPublish();
  };
  return (
    <details className="panel module" open={open} onToggle={e => setOpen(e.currentTarget.open)}>
      <summary>
        <h2>Module source</h2>
        <span className="muted">index.ts · edit and publish your own module</span>
      </summary>
      <form className="stack" onSubmit={submit}>
        <label>
          <span className="visually-hidden">Module source (index.ts)</span>
          <textarea className="code source" rows={18} spellCheck={false} value={source} onChange={e => onChange(e.target.value)} />
        </label>
        <div className="row">
          <button type="submit" disabled={busy}>
            Publish
          </button>
          <button type="button" className="secondary" onClick={onReset}>
            Reset to the chat sample
          </button>
          <span className="muted grow">Publishing starts a fresh database: rows and clients are dropped.</span>
        </div>
        {diagnostics.length > 0 && (
          <ul className="problems" aria-label="Problems">
            {diagnostics.map(d => (
              <li key={d.text}>{d.text}</li>
            ))}
          </ul>
        )}
      </form>
    </details>
  );
}
