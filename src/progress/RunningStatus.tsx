/**
 * The top bar's engine activity: what has been running for over a second
 * ("Publishing… 4 s"), how far a replay got, and Cancel, which restarts
 * the engine from its last committed state (the cancelled request then
 * fails and says so where it was made).
 */
import { useState } from 'react';
import { host } from '../host.ts';
import { describeTask } from './running.ts';
import { useRunning } from './use-running.ts';
import './progress.css';

export function RunningStatus() {
  const running = useRunning();
  const [cancelling, setCancelling] = useState<number | null>(null);
  if (!running) return null;
  const { task, ms } = running;
  const { progress } = task;
  const cancel = () => {
    setCancelling(task.id);
    void host.cancel(task.id).finally(() => setCancelling(null));
  };
  return (
    <div role="status" aria-label="Engine activity" className="pill busy running-status">
      <span className="spinner" aria-hidden="true" />
      <span className="running-label">{describeTask(task)}</span>
      <span className="running-time">{Math.floor(ms / 1000)} s</span>
      {progress && <progress className="running-bar" max={progress.total} value={progress.done} aria-label="Replay progress" />}
      {task.cancellable && (
        <button type="button" className="secondary small" onClick={cancel} disabled={cancelling === task.id}
          title="Stop this work: the engine restarts from the last committed state">
          {cancelling === task.id ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </div>
  );
}
