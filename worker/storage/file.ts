/**
 * Histories on disk (Node only: the browser never imports this file). A
 * timeline is one history file — the JSON-lines format of
 * worker/history/codec.ts, header first — so a stored timeline is also an
 * export, and `--history` files load as timelines.
 *
 * Appends are written synchronously before `append` returns: an entry
 * recorded from a transaction listener is in the file (the OS's cache)
 * when the listener returns, so a process crash never loses it; with
 * `fsync: true` it is also flushed to the disk. A crash mid-write leaves a
 * partial last line, which loading drops. Whole-file writes (`save`) go to
 * a temporary file renamed over the old one.
 */
import { appendFileSync, closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseHistory, serializeEntries, serializeHistory } from '../history/codec.ts';
import type { History, LogEntry } from '../history/entry.ts';
import { checkContinues, StorageError, type HistoryStorage, type TimelineInfo } from './types.ts';

const SUFFIX = '.history.jsonl';

/** Reads a history file. A partial last line from an interrupted write is dropped, and with `repair` cut from the file. */
export async function readHistoryFile(path: string, repair = false): Promise<History> {
  const text = await readFile(path, 'utf8');
  const { header, entries, truncated } = parseHistory(text);
  if (truncated && repair) await truncate(path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
  return { header, entries };
}

/** Writes a whole history file atomically (temporary file, then rename). */
export async function writeHistoryFile(path: string, history: History): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, serializeHistory(history));
  await rename(tmp, path);
}

/** Appends entries to a history file synchronously (and flushes them to disk with `fsync`). */
export function appendHistoryFile(path: string, entries: readonly LogEntry[], fsync = false): void {
  const text = serializeEntries(entries);
  if (!fsync) return appendFileSync(path, text);
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Timelines as history files in `dir`, one per timeline (`<name>.history.jsonl`, name URI-encoded). */
export function createFileStorage(dir: string, opts: { fsync?: boolean } = {}): HistoryStorage {
  const pathOf = (name: string): string => join(dir, encodeURIComponent(name) + SUFFIX);
  /** Entry counts of timelines this process has loaded or written, to check appends without re-reading. */
  const lengths = new Map<string, number>();
  const read = async (name: string): Promise<History | undefined> => {
    try {
      const h = await readHistoryFile(pathOf(name), true);
      lengths.set(name, h.entries.length);
      return h;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
  return {
    async list(): Promise<TimelineInfo[]> {
      const files = await readdir(dir).catch(() => [] as string[]);
      const names = files.filter(f => f.endsWith(SUFFIX)).map(f => decodeURIComponent(f.slice(0, -SUFFIX.length))).sort();
      const out: TimelineInfo[] = [];
      for (const name of names) {
        const h = await read(name);
        if (h) out.push({ name, header: h.header, length: h.entries.length });
      }
      return out;
    },
    load: read,
    async save(name, history) {
      checkContinues(name, 0, history.entries);
      await writeHistoryFile(pathOf(name), history);
      lengths.set(name, history.entries.length);
    },
    async append(name, entries) {
      const length = lengths.get(name) ?? (await read(name))?.entries.length;
      if (length === undefined) throw new StorageError(`no timeline "${name}"`);
      checkContinues(name, length, entries);
      appendHistoryFile(pathOf(name), entries, opts.fsync);
      lengths.set(name, length + entries.length);
    },
    async remove(name) {
      await rm(pathOf(name), { force: true });
      lengths.delete(name);
    },
  };
}
