import type { ModuleSummary } from '../module/summary.ts';

/** `describe` without `--json`: a compact, aligned listing. */
export function formatSummary(s: ModuleSummary): string {
  const out: string[] = [];
  const alias = (x: { sourceName?: string }, what = 'accessor') => (x.sourceName ? ` (${what} ${x.sourceName})` : '');
  out.push(`tables (${s.tables.length})`);
  for (const t of s.tables) {
    const flags = [t.public ? 'public' : 'private', t.event ? 'event' : '', t.schedule ? `scheduled → ${t.schedule.reducer} at ${t.schedule.column}` : '']
      .filter(Boolean)
      .join(', ');
    out.push(`  ${t.name}${alias(t)}  [${flags}]`);
    const width = Math.max(...t.columns.map(c => c.name.length));
    for (const c of t.columns) {
      const marks = [c.primaryKey ? 'primary key' : c.unique ? 'unique' : '', c.autoInc ? 'autoinc' : ''].filter(Boolean).join(', ');
      out.push(`    ${c.name.padEnd(width)}  ${c.type}${marks ? `  (${marks})` : ''}`);
    }
    for (const ix of t.indexes) out.push(`    index ${ix.name} on (${ix.columns.join(', ')}) ${ix.algorithm}${ix.unique ? ', unique' : ''}`);
  }
  out.push('', `reducers (${s.reducers.length})`);
  for (const r of s.reducers) {
    const kind = r.lifecycle ? `  [lifecycle: ${r.lifecycle}]` : r.scheduledBy ? `  [scheduled by ${r.scheduledBy}]` : '';
    out.push(`  ${r.name}(${r.params.map(p => `${p.name}: ${p.type}`).join(', ')})${alias(r, 'export')}${kind}`);
  }
  if (s.procedures.length) {
    out.push('', `procedures (${s.procedures.length})`);
    for (const p of s.procedures) out.push(`  ${p.name}(${p.params.map(x => `${x.name}: ${x.type}`).join(', ')}) → ${p.returns}${alias(p, 'export')}`);
  }
  if (s.views.length) {
    out.push('', `views (${s.views.length})`);
    for (const v of s.views) {
      const pk = v.primaryKey.length ? `, primary key ${v.primaryKey.join(', ')}` : '';
      out.push(`  ${v.name}(${v.params.map(x => `${x.name}: ${x.type}`).join(', ')}) → ${v.returns}  [${v.public ? 'public' : 'private'}${v.anonymous ? ', anonymous' : ', per sender'}${pk}]`);
    }
  }
  if (s.visibilityFilters.length) {
    out.push('', `visibility filters (${s.visibilityFilters.length})`);
    for (const f of s.visibilityFilters) out.push(`  ${f.sql}`);
  }
  return out.join('\n');
}
