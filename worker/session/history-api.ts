/**
 * The host's time-travel verbs: the live timeline for the plot and the
 * entry list, one entry in full, the past state for the panels, replay
 * against edited code, forks, switching timelines, history files.
 * Expected failures come back as values, like the host's other verbs.
 */
import type { SourceFiles } from '../build/build.ts';
import { HistoryFormatError, parseHistory, serializeHistory } from '../history/codec.ts';
import { replayHistory } from '../history/replay.ts';
import { replayReport, type ReplayReport } from '../history/report.ts';
import type { Timeline } from '../history/timelines.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import { createCallerNames } from './history-inputs.ts';
import { createPastReader, type Delivery } from './history-past.ts';
import { entryDetail, historyPoints, type EntryDetail, type HistoryPoint } from './history-views.ts';
import { labelOf, type LiveHistory } from './history.ts';
import type { Compiled } from './load.ts';
import type { ClientSpec } from './project-store.ts';
import { fail, type Failure } from './results.ts';
import { rowHistory, type RowHistory, type RowHistoryOptions, type RowRef } from './row-history.ts';
import type { Journal } from './journal.ts';

export type HistorySummary = { ok: true; timeline: string; epoch: number; length: number; tables: string[]; points: HistoryPoint[] };
export type TimelineSummary = { name: string; length: number; forkOf: { timeline: string; position: number } | null; current: boolean; sameModule: boolean };
export type ReplayOutcome = { ok: true; timeline: string; edited: boolean; report: ReplayReport; total: number } | Failure;
export type SwitchResult<P> = { ok: true; timeline: string; published: Extract<P, { ok: true }>; journal: Journal } | Failure;

const MAX_DIVERGENCES = 200;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export type HistoryDeps<P extends { ok: boolean }> = {
  live: LiveHistory;
  prelude: string;
  compile(files: SourceFiles, entry: string): Promise<Compiled>;
  /** Rebuilds the live session from `inputs`, continuing timeline `timeline`. */
  open(files: SourceFiles, entry: string, inputs: Journal['inputs'], timeline: string): Promise<P>;
};

export function createHistoryVerbs<P extends { ok: boolean }>(deps: HistoryDeps<P>) {
  const { live } = deps;
  const past = createPastReader();

  /** The live timeline, the live schema and a checked position, or why not. */
  function at<T>(p: number | null, fn: (t: Timeline, schema: ModuleSchema, p: number) => T): T | Failure {
    const t = live.current();
    const schema = live.live()?.session.db.schema;
    if (!t || !schema) return fail('no-module', 'No module is published yet: publish one first.');
    const n = p ?? t.history.entries.length - 1;
    if (!Number.isInteger(n) || n < 0 || n >= t.history.entries.length) return fail('bad-args', `Position ${n} is outside the history (0–${t.history.entries.length - 1}).`);
    return fn(t, schema, n);
  }

  async function switchTo(label: string): Promise<SwitchResult<P>> {
    const l = live.live();
    if (!l) return fail('no-module', 'No module is published yet: publish one first.');
    let inputs;
    try {
      inputs = await live.inputsOf(label);
    } catch (e) {
      return fail('bad-args', message(e));
    }
    const published = await deps.open(l.files, l.entry, inputs, label);
    if (!published.ok) return published as unknown as Failure;
    return { ok: true, timeline: label, published: published as Extract<P, { ok: true }>, journal: { files: l.files, entry: l.entry, inputs } };
  }

  return {
    /** The live timeline's entries from `from` on, for the plot and the entry list. */
    history(from = 0): HistorySummary | Failure {
      return at(null, (t, schema) => {
        const db = live.live()!.session.db;
        const { tables, points } = historyPoints(t.history.entries, schema, { owner: db.owner, database: db.databaseIdentity }, from);
        return { ok: true as const, timeline: labelOf(t.name), epoch: live.epoch(), length: t.history.entries.length, tables, points };
      });
    },
    /** Entry `position` in full: row diff, args, logs, and what each of `clients` was sent. */
    historyEntry(position: number, clients: ClientSpec[] = []): ({ ok: true; entry: EntryDetail; sent: Delivery[] }) | Failure {
      return at(position, (t, schema, p) => {
        const db = live.live()!.session.db;
        const names = createCallerNames(db.owner, db.databaseIdentity);
        for (const e of t.history.entries.slice(0, p + 1)) names.see(e);
        const e = t.history.entries[p]!;
        return { ok: true as const, entry: entryDetail(e, schema, names.nameOf(e.sender)), sent: past.delivered(t, schema, p, clients) };
      });
    },
    /** The entries that inserted, updated or deleted one row of `table` (by primary key, else whole value), newest first. */
    rowHistory: (table: string, row: RowRef, opts?: RowHistoryOptions): RowHistory | Failure =>
      at(null, (t, schema) => {
        const db = live.live()!.session.db;
        return rowHistory(t.history.entries, schema, { owner: db.owner, database: db.databaseIdentity }, table, row, opts);
      }),
    /** Every table with its row count right after entry `position`. */
    tablesAt: (position: number) => at(position, (t, schema, p) => ({ ok: true as const, tables: past.tables(t, schema, p) })),
    /** A table's rows right after entry `position`, as `rows` answers for now. */
    rowsAt: (position: number, table: string, limit = 10_000) => at(position, (t, schema, p) => past.rows(t, schema, p, table, limit)),
    /** A read-only query against the state right after entry `position`, as the owner or a client. */
    sqlAt: (position: number, text: string, as: string | null = null) => at(position, (t, schema, p) => past.sql(t, schema, p, text, as)),
    /** What each client held right after entry `position` (its queries, as it was allowed to see them). */
    clientsAt: (position: number, clients: ClientSpec[]) => at(position, (t, schema, p) => ({ ok: true as const, clients: past.clients(t, schema, p, clients) })),
    /** Replays the live timeline (or `timeline`) against `files` compiled now, published or not: the divergences, side by side. */
    async replay(files: SourceFiles, entry: string, timeline?: string): Promise<ReplayOutcome> {
      const t = live.current();
      const history = timeline === undefined ? t?.history : await live.load(timeline);
      if (!history) return fail('no-module', timeline === undefined ? 'There is no history to replay: publish a module first.' : `There is no timeline "${timeline}".`);
      const built = await deps.compile(files, entry);
      if (!built.ok) return built;
      try {
        const result = replayHistory(history, { prelude: deps.prelude, code: built.code });
        const report = replayReport(result, history.header, result.db.schema);
        const total = report.divergences.length;
        return { ok: true, timeline: timeline ?? labelOf(t!.name), edited: !result.sameModule, total, report: { ...report, divergences: report.divergences.slice(0, MAX_DIVERGENCES) } };
      } catch (e) {
        return fail('load', `The replay could not run: ${message(e)}`);
      }
    },
    /** Forks the live timeline at `position` (the original stays) and continues live on the fork. */
    async fork(position: number): Promise<SwitchResult<P>> {
      const checked = at(position, (_t, _s, p) => p);
      if (typeof checked !== 'number') return checked;
      return switchTo(await live.fork(checked));
    },
    /** The project's timelines; `current` is the live one. */
    async timelines(): Promise<TimelineSummary[]> {
      const current = live.current()?.name;
      const hash = live.live()?.session.history.header().moduleHash;
      return (await live.list()).map(t => ({
        name: labelOf(t.name),
        length: t.name === current ? live.current()!.history.entries.length : t.length,
        forkOf: t.header.forkOf ? { timeline: labelOf(t.header.forkOf.timeline), position: t.header.forkOf.position } : null,
        current: t.name === current,
        sameModule: t.header.moduleHash === hash,
      }));
    },
    /** Makes timeline `name` live: the session is rebuilt from its entries and continues it. */
    switchTimeline: (name: string): Promise<SwitchResult<P>> => switchTo(name),
    /** The live timeline as a history file (JSON lines). */
    exportHistory(): { ok: true; name: string; text: string } | Failure {
      const t = live.current();
      if (!t) return fail('no-module', 'There is no history yet: publish a module first.');
      return { ok: true, name: labelOf(t.name), text: serializeHistory(t.history) };
    },
    /** Stores a history file as a new timeline (switch to it to continue it, or replay it). */
    async importHistory(text: string): Promise<{ ok: true; name: string; length: number; truncated: boolean } | Failure> {
      if (!live.live()) return fail('no-module', 'Publish a module first: a history continues a module.');
      try {
        const h = parseHistory(text);
        return { ok: true, name: await live.add(h.header, h.entries), length: h.entries.length, truncated: h.truncated };
      } catch (e) {
        if (e instanceof HistoryFormatError) return fail('bad-args', `That is not a history file: ${e.message}.`);
        throw e;
      }
    },
  };
}
