/**
 * The history commands of the CLI: `replay <entry.ts> <history-file>`, and
 * the writer behind `run --history <file>`.
 */
import { writeFileSync } from 'node:fs';
import type { Database } from '../engine/database.ts';
import { HistoryFormatError, serializeHistory } from '../history/codec.ts';
import type { History } from '../history/entry.ts';
import { historyHeader, recordHistory } from '../history/recorder.ts';
import { replayHistory } from '../history/replay.ts';
import { replayReport } from '../history/report.ts';
import { compileModuleFile } from '../node/load-module.ts';
import { appendHistoryFile, readHistoryFile } from '../storage/file.ts';
import { formatReport } from './replay-format.ts';

const write = (s: string): void => void process.stdout.write(s);

/**
 * Writes the history of the database `runScenario` opens to `path` as it
 * happens: the header when the database opens, then each entry as it
 * commits (synchronously, so a crash keeps every committed entry).
 */
export function historyFileWriter(path: string, code: string): (db: Database) => void {
  return db => {
    writeFileSync(path, serializeHistory({ header: historyHeader(db, code), entries: [] }));
    recordHistory(db, { onEntry: e => appendHistoryFile(path, [e]) });
  };
}

/** `replay`: 0 when the replay matches the recording, 1 on divergences, 2 on bad usage or an unreadable history. */
export async function replayCommand(argv: string[], usage: (problem: string) => number): Promise<number> {
  const args = [...argv];
  const flag = (name: string): boolean => {
    const i = args.indexOf(name);
    if (i >= 0) args.splice(i, 1);
    return i >= 0;
  };
  const json = flag('--json');
  const ignoreLogs = flag('--ignore-logs');
  const showLogs = flag('--logs');
  let from: number | undefined;
  const f = args.indexOf('--from');
  if (f >= 0) {
    const v = args.splice(f, 2)[1];
    if (v === undefined || !/^\d+$/.test(v)) return usage('--from needs an entry position');
    from = Number(v);
  }
  const [entry, historyPath, extra] = args;
  if (!entry || !historyPath || extra !== undefined) return usage('replay needs the module entry file and a history file');
  let history: History;
  try {
    history = await readHistoryFile(historyPath);
  } catch (e) {
    const why = e instanceof HistoryFormatError ? e.message : (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    process.stderr.write(`error: ${historyPath}: ${why}\n`);
    return 2;
  }
  const module = await compileModuleFile(entry);
  const result = replayHistory(history, module, { from, ignoreLogs });
  const report = replayReport(result, history.header, result.db.schema);
  const replayedLogs = showLogs ? result.history.entries.flatMap(e => e.logs.map(l => ({ entry: e.position, level: l.level, message: l.message }))) : [];
  if (json) write(JSON.stringify(showLogs ? { ...report, logs: replayedLogs } : report) + '\n');
  else {
    for (const l of replayedLogs) write(`entry ${l.entry} [${l.level}] ${l.message}\n`);
    write(formatReport(report, { history: historyPath, module: entry }));
  }
  return report.ok ? 0 : 1;
}
