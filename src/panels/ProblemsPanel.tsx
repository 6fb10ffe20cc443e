import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';

/** Compile errors from the last publish and type errors as you type; click one to jump to it. */
export function ProblemsPanel() {
  const { diagnostics, tsProblems } = useWorkspace();
  const items = [
    ...diagnostics.map(d => ({ source: 'build', file: d.file, line: d.line, column: d.column, message: d.message, severity: 'error' as const })),
    ...tsProblems.map(p => ({ source: 'ts', ...p })),
  ];
  if (items.length === 0) return <p className="empty">No problems. Type errors show here as you type; compile errors when you publish.</p>;
  return (
    <ul className="problems" aria-label="Problems">
      {items.map((p, i) => (
        <li key={i} className={p.severity}>
          <button type="button" className="link" onClick={() => workspace.reveal(p.file, p.line, p.column)}>
            <span className="sev" aria-hidden="true">{p.severity === 'error' ? '✕' : '!'}</span>
            <span className="where">{p.file}:{p.line}:{p.column}</span> {p.message}
            <span className="muted"> ({p.source === 'ts' ? 'TypeScript' : 'esbuild'})</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
