/**
 * Whether the engine's writes reach storage. Each writer (the journal, the
 * history, project records) reports its failures and successes here; the
 * user hears once when saving stops (the browser's storage is full, or
 * IndexedDB failed) and once when it works again, never per failed write.
 * Writers keep what they could not save and retry it with their next write.
 */

export type SaveNotice = { message: string; tone: 'info' | 'warn' };

export type SaveHealth = {
  /** A write of `writer` failed; `unsaved` changes of it wait in memory. */
  failed(writer: string, error: unknown, unsaved: number): void;
  /** `writer` saved everything it held. */
  saved(writer: string): void;
  /** Changes kept in memory only: the most any writer holds (a reducer call is one journal input and one history entry). */
  unsaved(): number;
};

export const isQuotaError = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/\.$/, '');

export const EXPORT_HINT = 'export this project (Export → Export project file)';

export function fullMessage(error: unknown): string {
  return isQuotaError(error)
    ? `This browser's storage for the playground is full: your latest changes are kept in this tab only, and saved as soon as there is room. Free space by deleting projects you no longer need, or ${EXPORT_HINT}.`
    : `Saving to this browser's storage failed (${reason(error)}): your latest changes are kept in this tab only and are retried with the next change. To keep them for sure, ${EXPORT_HINT}.`;
}

export function createSaveHealth(notice: (n: SaveNotice) => void): SaveHealth {
  const failing = new Map<string, number>();
  let most = 0;
  const total = (): number => Math.max(0, ...failing.values());
  return {
    failed(writer, error, unsaved) {
      const first = failing.size === 0;
      failing.set(writer, unsaved);
      most = Math.max(most, total());
      if (first) notice({ message: fullMessage(error), tone: 'warn' });
    },
    saved(writer) {
      if (!failing.delete(writer) || failing.size > 0) return;
      const n = most;
      most = 0;
      notice({ message: `Saving works again: the ${n} change${n === 1 ? '' : 's'} kept in this tab ${n === 1 ? 'is' : 'are'} now stored in this browser.`, tone: 'info' });
    },
    unsaved: total,
  };
}
