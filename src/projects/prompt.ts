/**
 * The one question the project actions ask at a time (a name to type, or
 * a confirmation), as a small store the project dialog renders. `submit`
 * resolves to an error to show in the dialog, or undefined when done.
 */

export type ProjectQuestion = {
  title: string;
  /** What the action does and what is lost, in a sentence or two. */
  body?: string;
  /** Present when the user types a name. */
  name?: { label: string; initial: string };
  confirm: string;
  danger?: boolean;
  submit(name: string): Promise<string | undefined>;
};

let current: ProjectQuestion | null = null;
const listeners = new Set<() => void>();

export const projectPrompt = {
  get: (): ProjectQuestion | null => current,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  ask(q: ProjectQuestion | null): void {
    current = q;
    listeners.forEach(l => l());
  },
};
