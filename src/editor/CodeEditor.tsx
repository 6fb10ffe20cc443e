/**
 * Monaco showing the active module file. One model per file (so imports
 * between files type-check); edits flow to the workspace; esbuild's
 * diagnostics become markers next to TypeScript's; TypeScript's markers flow
 * back as problems. Monaco loads lazily so the page shell shows at once.
 */
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import type { Diagnostic, SourceFiles } from '../../worker/api.ts';
import type { TsProblem } from '../state/workspace-types.ts';

type Setup = typeof import('./monaco-setup.ts');
type Props = {
  files: SourceFiles;
  active: string;
  diagnostics: Diagnostic[];
  onChange(path: string, text: string): void;
  onPublish(): void;
  onProblems(problems: TsProblem[]): void;
  reveal: { file: string; line: number; column: number; n: number } | null;
};

export function CodeEditor({ files, active, diagnostics, onChange, onPublish, onProblems, reveal }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [setup, setSetup] = useState<Setup | null>(null);
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef({ onChange, onPublish, onProblems });
  latest.current = { onChange, onPublish, onProblems };

  useEffect(() => {
    let disposed = false;
    void import('./monaco-setup.ts').then(m => !disposed && setSetup(m));
    return () => void (disposed = true);
  }, []);

  useEffect(() => {
    if (!setup || !box.current) return;
    const { monaco } = setup;
    const ed = monaco.editor.create(box.current, {
      theme: setup.themeName(),
      automaticLayout: true,
      fontSize: 13,
      lineHeight: 20,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      padding: { top: 8 },
    });
    editor.current = ed;
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => latest.current.onPublish());
    const typing = ed.onDidChangeModelContent(() => {
      const model = ed.getModel();
      if (model) latest.current.onChange(model.uri.path.replace(/^\/src\//, ''), model.getValue());
    });
    const markers = monaco.editor.onDidChangeMarkers(() => {
      const problems = monaco.editor.getModelMarkers({ owner: 'typescript' }).filter(m => m.resource.path.startsWith('/src/'));
      latest.current.onProblems(
        problems.map(m => ({
          file: m.resource.path.replace(/^\/src\//, ''),
          line: m.startLineNumber,
          column: m.startColumn,
          message: typeof m.message === 'string' ? m.message : String(m.message),
          severity: m.severity === monaco.MarkerSeverity.Error ? 'error' : 'warning',
        }))
      );
    });
    return () => {
      typing.dispose();
      markers.dispose();
      ed.dispose();
      editor.current = null;
    };
  }, [setup]);

  // Models follow the project's files: created, updated from outside (samples), disposed.
  useEffect(() => {
    if (!setup) return;
    const { monaco, fileUri } = setup;
    for (const [path, text] of Object.entries(files)) {
      const uri = fileUri(path);
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'typescript', uri);
      if (model.getValue() !== text) model.setValue(text);
    }
    for (const model of monaco.editor.getModels()) {
      const path = model.uri.path.replace(/^\/src\//, '');
      if (model.uri.path.startsWith('/src/') && !(path in files)) model.dispose();
    }
  }, [setup, files]);

  useEffect(() => {
    const ed = editor.current;
    if (!setup || !ed) return;
    const model = setup.monaco.editor.getModel(setup.fileUri(active));
    if (model && ed.getModel() !== model) {
      ed.setModel(model);
      ed.updateOptions({ ariaLabel: `Editor: ${active}` });
    }
  }, [setup, active, files]);

  useEffect(() => {
    if (!setup) return;
    const { monaco } = setup;
    for (const model of monaco.editor.getModels()) {
      const path = model.uri.path.replace(/^\/src\//, '');
      const mine = diagnostics.filter(d => d.file === path && d.line > 0);
      monaco.editor.setModelMarkers(model, 'esbuild', mine.map(d => ({
        severity: monaco.MarkerSeverity.Error,
        message: d.message,
        source: 'esbuild',
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.line,
        endColumn: d.column + 1,
      })));
    }
  }, [setup, diagnostics, files]);

  useEffect(() => {
    const ed = editor.current;
    if (!ed || !reveal || reveal.file !== active) return;
    ed.revealLineInCenter(reveal.line);
    ed.setPosition({ lineNumber: reveal.line, column: reveal.column });
    ed.focus();
  }, [reveal, active, setup]);

  return (
    <div className="code-editor" ref={box}>
      {!setup && <p className="empty">Loading the editor…</p>}
    </div>
  );
}
