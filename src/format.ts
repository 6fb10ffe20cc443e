import type { Json, TxView } from '../worker/api.ts';

const LONG_HEX = /^0x[0-9a-f]{24,}$/;

/** A cell's text: identities and other long hex shortened (the full value goes in a tooltip). */
export function formatValue(value: Json | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return LONG_HEX.test(value) ? `${value.slice(0, 8)}…${value.slice(-4)}` : value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function fullValue(value: Json | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** `ok`, the sender's message, or what went wrong, as one sentence; `detail` is an internal error's stack. */
export function describeOutcome(tx: TxView): { ok: boolean; text: string; detail?: string } {
  const o = tx.outcome;
  if (o.status === 'committed') return { ok: true, text: `Committed in ${tx.durationMs.toFixed(1)} ms` };
  if (o.status === 'rejected') return { ok: false, text: `Rejected: ${o.message}` };
  if (o.kind === 'sender') return { ok: false, text: `Failed: ${o.message}` };
  return { ok: false, text: `Internal error: ${o.detail.split('\n')[0]}`, detail: o.detail };
}

/** `set_name by alice`, `connect: alice`, `publish`. */
export function describeTx(tx: TxView): string {
  const what = tx.reducer ?? tx.kind;
  return tx.kind === 'reducer' || tx.kind === what ? `${what} · ${tx.caller}` : `${tx.kind} · ${what} · ${tx.caller}`;
}
