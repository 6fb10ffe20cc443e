import type { Diagnostic, ModuleSummary, ProjectInfo, ReducerForm, SourceFiles, TableCount, TxView } from '../../worker/api.ts';
import type { ClientState } from '../clients/sim-clients.ts';

export type Status = { tone: 'busy' | 'ok' | 'warn' | 'error'; text: string };

/** One line of the log: a transaction, or a notice from the page or engine. */
export type LogItem =
  | { key: number; tx: TxView }
  | { key: number; notice: string; tone: 'info' | 'warn'; at: string };

/** A TypeScript problem Monaco reported in one of the module's files. */
export type TsProblem = { file: string; line: number; column: number; message: string; severity: 'error' | 'warning' };

export type WorkspaceState = {
  status: Status;
  /** The open project's name (its key in storage). */
  project: string;
  /** Every stored project, most recently saved first. */
  projects: ProjectInfo[];
  /** The project's files as edited (drafts included). */
  files: SourceFiles;
  entry: string;
  active: string;
  sample: string | undefined;
  /** The files of the published version, to tell edits from it. */
  publishedFiles: SourceFiles | null;
  module: ModuleSummary | null;
  forms: ReducerForm[];
  /** esbuild's errors and warnings from the last publish. */
  diagnostics: Diagnostic[];
  tsProblems: TsProblem[];
  /** Moves on every transaction; views refetch on it. */
  version: number;
  counts: TableCount[];
  log: LogItem[];
  txCount: number;
  clients: ClientState[];
  layout: Record<string, string | number>;
  /** A place the editor should show (a problem clicked); `n` makes repeats distinct. */
  reveal: { file: string; line: number; column: number; n: number } | null;
};
