/**
 * The one message the sharing and export actions show next to the top bar:
 * what happened ("Link copied") or what went wrong and what to do, with an
 * optional action (open the project just imported). A new message replaces
 * the last. Information fades after a few seconds; warnings and errors stay
 * until the user dismisses them.
 */
import { useEffect, useSyncExternalStore } from 'react';

export type Feedback = { tone: 'info' | 'warn' | 'error'; text: string; action?: { label: string; run(): void } };

let current: Feedback | null = null;
const listeners = new Set<() => void>();

export const feedback = {
  get: (): Feedback | null => current,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  show(f: Feedback | null): void {
    current = f;
    listeners.forEach(l => l());
  },
};

const INFO_MS = 8000;

/** The latest share/export message under the top bar; errors are announced as alerts and stay until dismissed. */
export function FeedbackBar() {
  const f = useSyncExternalStore(feedback.subscribe, feedback.get);
  useEffect(() => {
    if (f?.tone !== 'info' || f.action) return;
    const timer = setTimeout(() => feedback.get() === f && feedback.show(null), INFO_MS);
    return () => clearTimeout(timer);
  }, [f]);
  if (!f) return null;
  return (
    <div role={f.tone === 'info' ? 'status' : 'alert'} aria-label="Project message" className={`feedback ${f.tone}`}>
      <span className="grow">{f.text}</span>
      {f.action && <button type="button" className="small" onClick={f.action.run}>{f.action.label}</button>}
      <button type="button" className="icon" aria-label="Dismiss message" onClick={() => feedback.show(null)}>×</button>
    </div>
  );
}
