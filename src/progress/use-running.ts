/**
 * The engine work worth showing, as React state: the oldest task that has
 * run longer than `SHOW_AFTER_MS` (quick requests never flash a strip).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { host } from '../host.ts';
import type { RunningTask } from './running.ts';

export const SHOW_AFTER_MS = 1000;

/** The task to show with how long it has run, or null while the engine is idle or quick. */
export function useRunning(): { task: RunningTask; ms: number } | null {
  const tasks = useSyncExternalStore(host.running.subscribe, host.running.list);
  const [now, setNow] = useState(Date.now);
  const oldest = tasks[0];
  useEffect(() => {
    if (!oldest) return;
    // Ticks while something runs: the task appears after a second and its elapsed time counts up.
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [oldest]);
  if (!oldest) return null;
  const ms = Math.max(0, now - oldest.since);
  return ms >= SHOW_AFTER_MS ? { task: oldest, ms } : null;
}
