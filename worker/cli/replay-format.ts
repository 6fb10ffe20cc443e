/** The text form of a replay report: each divergence with the recorded and replayed versions next to each other. */
import type { Json } from '../values/json-codec.ts';
import type { DivergenceView, EntryView, ReplayReport } from '../history/report.ts';

const short = (hex: string): string => (hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex);
const json = (v: Json): string => JSON.stringify(v);

function title(e: EntryView): string {
  const who = e.connectionId ? `${short(e.sender)} (connection ${short(e.connectionId)})` : short(e.sender);
  const what = e.kind === 'sql' ? `sql ${json(e.sql ?? '')}` : `${e.kind}${e.reducer ? ' ' + e.reducer : ''}${e.args !== undefined ? ' ' + json(e.args) : ''}`;
  return `${what} · by ${who} · ${e.timestamp}`;
}

function outcome(e: EntryView): string[] {
  const o = e.outcome;
  if (o.status === 'committed') return ['committed'];
  if (o.status === 'rejected') return [`rejected: ${o.message}`];
  if (o.kind === 'sender') return [`failed: ${o.message}`];
  return [`failed (internal): ${o.detail.split('\n', 1)[0]}`];
}

function delta(e: EntryView): string[] {
  const lines: string[] = [];
  for (const [table, d] of Object.entries(e.delta)) {
    lines.push(`${table}: -${d.deletes.length} +${d.inserts.length}`);
    for (const r of d.deletes) lines.push(`  - ${json(r)}`);
    for (const r of d.inserts) lines.push(`  + ${json(r)}`);
  }
  return lines.length ? lines : ['(no changes)'];
}

const logs = (e: EntryView): string[] => (e.logs.length ? e.logs.map(l => `[${l.level}] ${l.message}`) : ['(no output)']);

const FIELDS = { call: (e: EntryView) => [title(e)], outcome, delta, logs } as const;

/** `label  recorded  …` / `       replayed  …`, continuation lines aligned under the value. */
function pair(label: string, recorded: string[], replayed: string[]): string[] {
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
  const side = (name: string, lines: string[], first: string) => lines.map((l, i) => `  ${pad(i === 0 ? first : '', 9)}${pad(i === 0 ? name : '', 10)}${l}`);
  return [...side('recorded', recorded, label), ...side('replayed', replayed, '')];
}

function divergence(d: DivergenceView): string[] {
  if (d.type === 'missing') {
    const e = d.recorded!;
    return [`entry ${d.position} · ${title(e)}`, '  missing: the replay did not produce this entry', ...outcome(e).map(l => `  recorded outcome: ${l}`)];
  }
  if (d.type === 'extra') {
    const e = d.replayed!;
    return [`after entry ${d.position} · ${title(e)}`, '  extra: only the replay produced this entry', ...outcome(e).map(l => `  outcome: ${l}`), ...delta(e).map(l => `  ${l}`)];
  }
  const lines = [`entry ${d.position} · ${title(d.recorded!)}`];
  for (const f of d.fields ?? []) lines.push(...pair(f, FIELDS[f](d.recorded!), FIELDS[f](d.replayed!)));
  return lines;
}

export function formatReport(report: ReplayReport, what: { history: string; module: string }): string {
  const head = `replayed ${report.replayed} entries of ${what.history} on ${what.module} (${report.sameModule ? 'the module that recorded it' : 'module changed since the recording'})`;
  if (report.ok) return `${head}\nno divergences\n`;
  const n = report.divergences.length;
  const lines = [head, `${n} divergence${n === 1 ? '' : 's'}, first at entry ${report.divergences[0]!.position}${report.nondeterministic ? ' — the same module diverged: nondeterminism' : ''}`];
  for (const d of report.divergences) lines.push('', ...divergence(d));
  return lines.join('\n') + '\n';
}
