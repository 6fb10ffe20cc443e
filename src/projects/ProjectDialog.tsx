/**
 * The dialog project actions ask through (`prompt.ts`): type a name, or
 * confirm what will be lost. The engine's refusal (a taken name, a full
 * storage) shows inside it, so the user can fix the name and try again.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { projectPrompt } from './prompt.ts';

/** The project actions' question: a name to type, or a confirmation; the engine's answer shows inline. */
export function ProjectDialog() {
  const q = useSyncExternalStore(projectPrompt.subscribe, projectPrompt.get);
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    setName(q?.name?.initial ?? '');
    setError(null);
    setBusy(false);
    if (q && d && !d.open) d.showModal();
    if (!q && d?.open) d.close();
  }, [q]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!q || busy) return;
    setBusy(true);
    const problem = await q.submit(name);
    if (projectPrompt.get() !== q) return;
    setBusy(false);
    if (problem) setError(problem);
    else projectPrompt.ask(null);
  };

  return (
    <dialog ref={ref} className="app-dialog project-dialog" aria-labelledby="project-dialog-title" onCancel={e => (e.preventDefault(), projectPrompt.ask(null))}>
      {q && (
        <form onSubmit={e => void submit(e)}>
          <h2 id="project-dialog-title">{q.title}</h2>
          {q.body && <p>{q.body}</p>}
          {q.name && (
            <label className="project-name-field">
              <span>{q.name.label}</span>
              <input
                autoFocus
                value={name}
                maxLength={80}
                aria-invalid={error !== null}
                aria-describedby={error ? 'project-dialog-error' : undefined}
                onChange={e => (setName(e.target.value), setError(null))}
              />
            </label>
          )}
          {error && <p id="project-dialog-error" role="alert" className="project-dialog-error">{error}</p>}
          <div className="row dialog-buttons">
            <button type="button" className="secondary" autoFocus={!q.name} onClick={() => projectPrompt.ask(null)}>Cancel</button>
            <button type="submit" className={q.danger ? 'danger' : 'primary'} disabled={busy}>
              {busy ? `${q.confirm}…` : q.confirm}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
