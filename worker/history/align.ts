/**
 * Pairs recorded entries with the entries a replay produces, as replay
 * drives it (replay.ts): each recorded entry is paired with at most one
 * replayed entry, compared, and the rest reported as missing or extra.
 *
 * - a call's entry pairs with the first entry its re-execution produced;
 * - a scheduled run pairs with a replayed run at the same time of the same
 *   schedule row (same args) or, failing that, with one at the same time
 *   that no later recorded run of the same batch claims;
 * - a cleanup or immediate pairs with the first replayed one of the same
 *   kind and reducer after the last pairing, before the next scheduled run.
 *
 * Replayed entries nobody claimed become `extra` when the next call runs
 * (or the clock moves on to another schedule batch, or the replay ends).
 */
import { bytesEqual, compareEntries, type CompareContext, type Divergence } from './compare.ts';
import type { LogEntry } from './entry.ts';

export function createAligner(produced: readonly LogEntry[], ctx: CompareContext, report: (d: Divergence) => void) {
  const matched: boolean[] = [];
  let poolStart = 0;
  /** Produced index of the last pairing (consequences follow it). */
  let cursor = -1;
  /** Position of the last recorded entry handled (extras are reported after it). */
  let after = -1;

  const pair = (r: LogEntry, j: number): void => {
    after = r.position;
    const p = j < 0 ? undefined : produced[j];
    if (p === undefined || p.kind !== r.kind || matched[j]) return report({ type: 'missing', position: r.position, recorded: r });
    matched[j] = true;
    cursor = j;
    const fields = compareEntries(r, p, ctx);
    if (fields.length) report({ type: 'changed', position: r.position, fields, recorded: r, replayed: p });
  };

  const findFrom = (start: number, pred: (p: LogEntry) => boolean): number => {
    for (let j = Math.max(start, poolStart); j < produced.length; j++) if (!matched[j] && pred(produced[j]!)) return j;
    return -1;
  };

  return {
    /** Reports every unclaimed replayed entry as extra. */
    flush(): void {
      for (let j = poolStart; j < produced.length; j++) if (!matched[j]) report({ type: 'extra', position: after, replayed: produced[j]! });
      poolStart = produced.length;
    },
    /** Pairs a call's entry with the first entry produced from index `first` on (its re-execution). */
    call(r: LogEntry, first: number): void {
      cursor = first - 1;
      pair(r, first < produced.length ? first : -1);
    },
    /** The replayed run of the same schedule row at the same time, if any. */
    exactRun: (r: LogEntry): number =>
      findFrom(0, p => p.kind === 'scheduled' && p.timestamp === r.timestamp && p.reducer === r.reducer && bytesEqual(p.args, r.args)),
    /** Pairs scheduled entry `r` (index `i` in `recorded`) with its run; `j` from `exactRun`, or -1 to look for a close one. */
    run(r: LogEntry, j: number, recorded: readonly LogEntry[], i: number): void {
      if (j < 0) {
        const claimed = (p: LogEntry): boolean => {
          for (let k = i + 1; k < recorded.length && recorded[k]!.timestamp === r.timestamp; k++) {
            const o = recorded[k]!;
            if (o.kind === 'scheduled' && o.reducer === p.reducer && bytesEqual(o.args, p.args)) return true;
          }
          return false;
        };
        j = findFrom(0, p => p.kind === 'scheduled' && p.timestamp === r.timestamp && !claimed(p));
      }
      pair(r, j);
    },
    /** Pairs a cleanup or immediate with the one that followed the last pairing. */
    consequence(r: LogEntry): void {
      let j = -1;
      for (let k = cursor + 1; k < produced.length && produced[k]!.kind !== 'scheduled'; k++) {
        const p = produced[k]!;
        if (!matched[k] && p.kind === r.kind && p.reducer === r.reducer) {
          j = k;
          break;
        }
      }
      pair(r, j);
    },
  };
}
