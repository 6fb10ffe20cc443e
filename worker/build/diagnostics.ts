import type { Message } from 'esbuild-wasm';

/** One compile error or warning, pointing into the module's own files. */
export type Diagnostic = {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  /** `file:line:col: message`, as editors and terminals link it. */
  text: string;
};

export function toDiagnostic(m: Message): Diagnostic {
  const file = m.location?.file ?? '';
  const line = m.location?.line ?? 0;
  const column = (m.location?.column ?? -1) + 1;
  const where = file ? `${file}:${line}:${column}: ` : '';
  return { file, line, column, message: m.text, text: where + m.text };
}
