import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientView, Diagnostic, ModuleSummary, SourceFiles, TxView } from '../worker/api.ts';
import { host, type PageEvent } from './host.ts';

export type Status = { tone: 'busy' | 'ok' | 'error'; text: string };

/** One line of the activity feed: a transaction, or a notice from the page. */
export type Activity = { key: string; tx: TxView } | { key: string; notice: string; tone: 'info' | 'warn' };

const MAX_ACTIVITY = 50;
let nextKey = 0;

/**
 * The engine as React state: the published module, its clients, a counter
 * that moves on every transaction (views refetch on it) and the activity
 * feed. `initial` is published once the engine has booted.
 */
export function useEngine(initial: { files: SourceFiles; entry: string }) {
  const [module, setModule] = useState<ModuleSummary | null>(null);
  const [status, setStatus] = useState<Status>({ tone: 'busy', text: 'Starting the engine…' });
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [version, setVersion] = useState(0);
  const [clients, setClients] = useState<ClientView[]>([]);
  const [activity, setActivity] = useState<Activity[]>([]);
  const republish = useRef(false);

  const push = useCallback((item: { tx: TxView } | { notice: string; tone: 'info' | 'warn' }) => {
    setActivity(a => [{ ...item, key: String(nextKey++) }, ...a].slice(0, MAX_ACTIVITY));
  }, []);

  const refreshClients = useCallback(async () => {
    const r = await host.clients();
    if (Array.isArray(r)) setClients(r);
  }, []);

  useEffect(() => {
    return host.onEvent((e: PageEvent) => {
      if (e.type === 'input') return;
      if (e.type === 'tx') push({ tx: e.tx });
      else push({ notice: e.message, tone: 'warn' });
      setVersion(v => v + 1);
      void refreshClients();
    });
  }, [push, refreshClients]);

  const publish = useCallback(async (files: SourceFiles, entry: string) => {
    setStatus({ tone: 'busy', text: 'Compiling and publishing…' });
    const started = performance.now();
    const r = await host.publish(files, entry);
    if (r.ok) {
      if (republish.current) push({ notice: `Published a new version of ${entry}: the database started fresh.`, tone: 'info' });
      republish.current = true;
      setModule(r.module);
      setDiagnostics(r.warnings);
      setClients([]);
      setStatus({ tone: 'ok', text: `Published in ${Math.round(performance.now() - started)} ms` });
    } else {
      setDiagnostics(r.error.code === 'compile' ? r.error.diagnostics : []);
      setStatus({ tone: 'error', text: r.error.message });
    }
    setVersion(v => v + 1);
    return r.ok;
  }, [push]);

  useEffect(() => {
    void bootOnce(async () => {
      const started = await host.start();
      if (typeof started === 'number') await publish(initial.files, initial.entry);
      else setStatus({ tone: 'error', text: started.error.message });
    });
  }, [publish, initial]);

  return { module, status, diagnostics, version, clients, activity, publish, refreshClients };
}

let booted: Promise<unknown> | undefined;

/** StrictMode runs effects twice in development; the engine boots once per page. */
function bootOnce(boot: () => Promise<unknown>): Promise<unknown> {
  booted ??= boot();
  return booted;
}
