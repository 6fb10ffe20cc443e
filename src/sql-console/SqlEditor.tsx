/**
 * A small Monaco editor for SQL, shared by the SQL and subscription consoles:
 * completion from the published schema, Ctrl/Cmd+Enter runs (Enter too when
 * it is one line), Up/Down on the first/last line walk the history, and a
 * failed statement gets a red underline where the error points. Its keys are
 * editor actions scoped to this editor, so the module editor's Ctrl/Cmd+S and
 * the palette's Ctrl/Cmd+K keep working while it has focus.
 */
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import { CONSOLE_SCHEME, markSqlError, registerSqlCompletion } from './monaco-sql.ts';
import { START_WALK, walkHistory, type HistoryWalk } from './query-history.ts';
import './sql-console.css';

type Setup = typeof import('../editor/monaco-setup.ts');
/** A statement that failed and the engine's message for it. */
export type SqlProblem = { sql: string; message: string };
type Props = {
  /** The accessible name of the editor's text box. */
  label: string;
  value: string;
  onChange(text: string): void;
  /** Runs the text as it is in the editor (state may lag a keystroke behind). */
  onRun(text: string): void;
  /** Earlier queries, newest first. */
  history: readonly string[];
  problem: SqlProblem | null;
  /** Visible lines; with 1 the text stays on one line and Enter runs. */
  lines?: number;
  placeholder?: string;
};

const LINE_HEIGHT = 20;
let modelCount = 0;

export function SqlEditor({ label, value, onChange, onRun, history, problem, lines = 4, placeholder }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [setup, setSetup] = useState<Setup | null>(null);
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef({ onChange, onRun, history });
  latest.current = { onChange, onRun, history };
  const walk = useRef<HistoryWalk>(START_WALK);
  const recalling = useRef(false);
  /** Texts reported through onChange and not yet seen back as `value`: those echoes (which may trail the typing) are not external edits. */
  const pending = useRef<string[]>([]);
  const single = lines === 1;

  useEffect(() => {
    let disposed = false;
    void import('../editor/monaco-setup.ts').then(m => !disposed && setSetup(m));
    return () => void (disposed = true);
  }, []);

  useEffect(() => {
    if (!setup || !box.current) return;
    const { monaco } = setup;
    registerSqlCompletion(monaco);
    const model = monaco.editor.createModel(value, 'sql', monaco.Uri.from({ scheme: CONSOLE_SCHEME, path: `/${++modelCount}.sql` }));
    const ed = monaco.editor.create(box.current, {
      model,
      theme: setup.themeName(),
      ariaLabel: label,
      placeholder,
      automaticLayout: true,
      fontSize: 13,
      lineHeight: LINE_HEIGHT,
      padding: { top: 4, bottom: 4 },
      minimap: { enabled: false },
      lineNumbers: single ? 'off' : 'on',
      lineNumbersMinChars: 2,
      lineDecorationsWidth: single ? 6 : 4,
      glyphMargin: false,
      folding: false,
      renderLineHighlight: 'none',
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      scrollBeyondLastLine: false,
      wordWrap: single ? 'off' : 'on',
      scrollbar: { vertical: single ? 'hidden' : 'auto', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
      wordBasedSuggestions: 'off',
      fixedOverflowWidgets: true,
      contextmenu: false,
      tabSize: 2,
    });
    editor.current = ed;

    const replace = (text: string) => {
      recalling.current = true;
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      recalling.current = false;
    };
    const step = (direction: 'up' | 'down') => {
      const line = ed.getPosition()?.lineNumber ?? 1;
      const atEdge = direction === 'up' ? line === 1 : line === model.getLineCount();
      const next = atEdge ? walkHistory(walk.current, direction, latest.current.history, model.getValue()) : null;
      if (!next) return ed.trigger('keyboard', direction === 'up' ? 'cursorUp' : 'cursorDown', null);
      walk.current = next.walk;
      replace(next.text);
      const at = direction === 'up' ? 1 : model.getLineCount();
      ed.setPosition({ lineNumber: at, column: model.getLineMaxColumn(at) });
    };
    const run = () => {
      ed.trigger('sql-console', 'hideSuggestWidget', null);
      latest.current.onRun(model.getValue());
    };
    const quiet = '!suggestWidgetVisible && !parameterHintsVisible';
    const actions = [
      ed.addAction({ id: 'sql-console.run', label: 'Run query', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run }),
      ed.addAction({ id: 'sql-console.older', label: 'Previous query', keybindings: [monaco.KeyCode.UpArrow], keybindingContext: quiet, run: () => step('up') }),
      ed.addAction({ id: 'sql-console.newer', label: 'Next query', keybindings: [monaco.KeyCode.DownArrow], keybindingContext: quiet, run: () => step('down') }),
      ...(single
        ? [ed.addAction({ id: 'sql-console.run-enter', label: 'Run query', keybindings: [monaco.KeyCode.Enter], keybindingContext: quiet, run })]
        : []),
    ];
    const typing = ed.onDidChangeModelContent(() => {
      const text = model.getValue();
      // A pasted multi-line query joins into one line where only one shows.
      if (single && text.includes('\n')) return replace(text.replace(/\s*\r?\n\s*/g, ' '));
      if (!recalling.current) walk.current = START_WALK;
      pending.current.push(text);
      latest.current.onChange(text);
    });
    return () => {
      typing.dispose();
      actions.forEach(a => a.dispose());
      ed.dispose();
      model.dispose();
      editor.current = null;
    };
    // Made once per mount: later props arrive through `latest` and the effects below.
  }, [setup]);

  useEffect(() => {
    const model = editor.current?.getModel();
    const echo = pending.current.indexOf(value);
    if (echo >= 0) pending.current.splice(0, echo + 1);
    else if (model && model.getValue() !== value) {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
      pending.current = [];
      walk.current = START_WALK;
    }
  }, [setup, value]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!setup || !model) return;
    markSqlError(setup.monaco, model, problem && model.getValue() === problem.sql ? problem.message : null);
  }, [setup, problem]);

  return (
    <div className={single ? 'sql-console-editor single' : 'sql-console-editor'} ref={box} style={{ height: lines * LINE_HEIGHT + 8 }}>
      {!setup && <p className="empty">Loading the editor…</p>}
    </div>
  );
}
