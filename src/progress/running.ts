/**
 * What the engine is working on now: every request the supervisor has sent
 * and not yet seen answered (what it is, since when, how far a journal
 * replay got), plus an engine restart while one runs. The page shows the
 * oldest one that has run for a while, with Cancel when it can be cancelled.
 */

/** One piece of engine work. `cancellable` is false for the restart itself (cancelling it would restart again). */
export type RunningTask = {
  id: number;
  /** What the user sees: "Publishing…", "Running SQL…". */
  label: string;
  /** `Date.now()` when it was sent. */
  since: number;
  cancellable: boolean;
  /** Inputs a journal replay has run, of how many (engine `progress` events). */
  progress?: { done: number; total: number };
};

export function createRunning(now: () => number = Date.now) {
  let tasks: readonly RunningTask[] = [];
  let next = 1;
  const listeners = new Set<() => void>();
  const changed = (list: readonly RunningTask[]): void => {
    tasks = list;
    listeners.forEach(l => l());
  };

  return {
    /** Records work just sent to the engine; returns its id for `end`. */
    start(label: string, cancellable = true): number {
      const id = next++;
      changed([...tasks, { id, label, since: now(), cancellable }]);
      return id;
    },
    end(id: number): void {
      if (tasks.some(t => t.id === id)) changed(tasks.filter(t => t.id !== id));
    },
    /**
     * A replay's progress. The engine runs one request at a time, so it is
     * the oldest task's (a restart's replay happens while it is the oldest).
     */
    progress(done: number, total: number): void {
      const [first, ...rest] = tasks;
      if (first) changed([{ ...first, progress: { done, total } }, ...rest]);
    },
    /** Everything pending, oldest first (a new array whenever it changes, for React). */
    list: (): readonly RunningTask[] => tasks,
    /** Calls `listener` on every change; returns an unsubscribe. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type Running = ReturnType<typeof createRunning>;

/** "Restoring project (replaying 40,000 of 100,000 inputs)…": the label with its progress, when known. */
export function describeTask(task: RunningTask): string {
  if (!task.progress) return task.label;
  const { done, total } = task.progress;
  const n = (x: number): string => x.toLocaleString('en-US');
  const base = task.label.replace(/…$/, '');
  return `${base} (replaying ${n(done)} of ${n(total)} input${total === 1 ? '' : 's'})…`;
}
