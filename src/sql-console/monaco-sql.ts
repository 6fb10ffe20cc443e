/**
 * The consoles' Monaco glue: one completion provider for every console
 * (registered once, so two mounted consoles never double the suggestions),
 * reading the schema published at the moment it is asked; and the marker
 * that underlines where a failed statement went wrong.
 */
import type * as Monaco from 'monaco-editor';
import { workspace } from '../state/workspace.ts';
import { locateSqlError } from './error-location.ts';
import { completeSql, type SqlCandidate } from './sql-completion.ts';

/** Console models live under their own scheme: the provider answers only them, and the module editor never sees them. */
export const CONSOLE_SCHEME = 'sql-console';
const MARKER_OWNER = 'sql-console';

let registered = false;

export function registerSqlCompletion(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  const kinds: Record<SqlCandidate['kind'], Monaco.languages.CompletionItemKind> = {
    keyword: monaco.languages.CompletionItemKind.Keyword,
    table: monaco.languages.CompletionItemKind.Class,
    view: monaco.languages.CompletionItemKind.Interface,
    column: monaco.languages.CompletionItemKind.Field,
    variable: monaco.languages.CompletionItemKind.Variable,
  };
  monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.', ':'],
    provideCompletionItems(model, position) {
      const schema = workspace.get().module;
      if (model.uri.scheme !== CONSOLE_SCHEME || !schema) return { suggestions: [] };
      const { start, candidates } = completeSql(model.getValue(), model.getOffsetAt(position), schema);
      const from = model.getPositionAt(start);
      const range = new monaco.Range(from.lineNumber, from.column, position.lineNumber, position.column);
      return {
        suggestions: candidates.map((c, i) => ({
          label: { label: c.label, description: c.detail },
          detail: c.detail,
          kind: kinds[c.kind],
          insertText: c.insertText,
          // Columns before keywords when the typed text matches both equally well.
          sortText: String(i).padStart(4, '0'),
          range,
        })),
      };
    },
  });
}

/** Underlines where `message` points in the model's text, or clears the underline (`message` null). */
export function markSqlError(monaco: typeof Monaco, model: Monaco.editor.ITextModel, message: string | null): void {
  if (message === null) return monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
  const span = locateSqlError(model.getValue(), message);
  const start = model.getPositionAt(span.start);
  const end = model.getPositionAt(span.end);
  monaco.editor.setModelMarkers(model, MARKER_OWNER, [{
    severity: monaco.MarkerSeverity.Error,
    message,
    source: 'SQL',
    startLineNumber: start.lineNumber,
    startColumn: start.column,
    endLineNumber: end.lineNumber,
    endColumn: end.column,
  }]);
}
