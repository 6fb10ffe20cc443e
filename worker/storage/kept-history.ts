/**
 * A `HistoryStorage` that keeps what it could not write. When an append
 * fails for a storage reason (quota, an IndexedDB error), its entries stay
 * here and go first in the timeline's next append, so the stored timeline
 * never has a hole and nothing recorded is lost while the tab lives; the
 * failure is reported to `SaveHealth` instead of rejecting. An append that
 * does not continue its timeline (a `StorageError`) still rejects.
 *
 * While nothing is held, appends go straight to the backend (which applies
 * them in call order). Once something is held, writes run one at a time:
 * each sends the held entries first. `load` and `list` include the held
 * entries, so a copy of the timeline is complete.
 */
import type { LogEntry } from '../history/entry.ts';
import type { SaveHealth } from './save-health.ts';
import { StorageError, type HistoryStorage } from './types.ts';

export type KeptHistoryStorage = HistoryStorage & {
  /** Resolves when every write asked for so far was tried. */
  flush(): Promise<void>;
  /** Tries the held entries again (after space was freed). */
  retry(): Promise<void>;
};

const WRITER = 'history';

export function keepUnsavedHistory(inner: HistoryStorage, health: SaveHealth): KeptHistoryStorage {
  const held = new Map<string, LogEntry[]>();
  let queue: Promise<unknown> = Promise.resolve();
  const count = (): number => Math.max(0, ...[...held.values()].map(h => h.length));

  let waiting = 0;

  /** Runs `job` after every earlier write; its own failure reaches only its caller. */
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    waiting++;
    const run = queue.then(job).finally(() => waiting--);
    queue = run.catch(() => {});
    return run;
  };

  const hold = (name: string, entries: readonly LogEntry[]): void => {
    const h = held.get(name) ?? [];
    h.push(...entries);
    held.set(name, h);
  };

  /** The fast path: straight to the backend; a failure (or a refusal behind a held entry) is held. */
  function direct(name: string, entries: readonly LogEntry[]): Promise<void> {
    const run = inner.append(name, entries).catch((e: unknown) => {
      if (e instanceof StorageError && !held.has(name)) throw e;
      hold(name, entries);
      health.failed(WRITER, e, count());
    });
    queue = Promise.all([queue, run.catch(() => {})]);
    return run;
  }

  /** Writes the entries `name` holds; a storage failure keeps them held. */
  async function write(name: string, own: number): Promise<void> {
    const entries = held.get(name);
    if (!entries?.length) return;
    try {
      await inner.append(name, entries);
    } catch (e) {
      if (!(e instanceof StorageError)) return health.failed(WRITER, e, count());
      entries.length -= own;
      if (entries.length === 0) held.delete(name);
      throw e;
    }
    held.delete(name);
    if (held.size === 0) health.saved(WRITER);
  }

  async function writeAll(): Promise<void> {
    for (const name of [...held.keys()]) await write(name, 0).catch(() => held.delete(name));
  }

  return {
    async list() {
      const infos = await inner.list();
      return infos.map(t => ({ ...t, length: t.length + (held.get(t.name)?.length ?? 0) }));
    },
    async load(name) {
      const h = await inner.load(name);
      const extra = held.get(name);
      return h && extra ? { header: h.header, entries: [...h.entries, ...extra] } : h;
    },
    save: (name, history) =>
      serial(async () => {
        held.delete(name);
        await inner.save(name, history);
        if (held.size === 0) health.saved(WRITER);
      }),
    append: (name, entries) =>
      held.size === 0 && waiting === 0
        ? direct(name, entries)
        : serial(async () => {
            hold(name, entries);
            await write(name, entries.length);
          }),
    remove: name =>
      serial(async () => {
        held.delete(name);
        await inner.remove(name);
        if (held.size === 0) health.saved(WRITER);
      }),
    flush: () => serial(async () => {}),
    retry: () => serial(writeAll),
  };
}
