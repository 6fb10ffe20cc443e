import type { HistoryStorage } from '../storage/types.ts';

/**
 * A `HistoryStorage` usable before its backend opened: each call waits for
 * it. The worker exposes its API at once (messages sent before a listener
 * exists are lost), while IndexedDB opens in the background.
 */
export function deferHistoryStorage(opening: Promise<HistoryStorage>): HistoryStorage {
  return {
    list: async () => (await opening).list(),
    load: async name => (await opening).load(name),
    save: async (name, history) => (await opening).save(name, history),
    append: async (name, entries) => (await opening).append(name, entries),
    remove: async name => (await opening).remove(name),
  };
}
