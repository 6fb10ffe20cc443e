/**
 * The scratch buffer key encoders append bytes to, and the conversion of
 * key bytes to a JS string with one char (code 0–255) per byte.
 */

/** Growable scratch the encoders append to. */
export class KeyBuf {
  b = new Uint8Array(256);
  n = 0;
  /** Ensures room for `k` more bytes and returns the (possibly new) backing array. */
  reserve(k: number): Uint8Array {
    if (this.n + k > this.b.length) {
      const next = new Uint8Array(Math.max(this.b.length * 2, this.n + k));
      next.set(this.b.subarray(0, this.n));
      this.b = next;
    }
    return this.b;
  }
  take(): string {
    return latin1(this.b, 0, this.n);
  }
}

/** The key scratch shared by every encoder (single-threaded, never reentrant). */
export const KB = new KeyBuf();

/** Bytes → string of char codes 0–255. */
export function latin1(b: Uint8Array, start: number, end: number): string {
  if (end - start <= 12) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  let s = '';
  for (let i = start; i < end; i += 8192) {
    const chunk = b.subarray(i, Math.min(end, i + 8192));
    s += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return s;
}
