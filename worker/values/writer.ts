/**
 * The growable BSATN output buffer of the JSON encoder, which also tracks the
 * path of the value being encoded so errors can say where the bad input is.
 */
import { ValueError } from './types.ts';

const utf8 = new TextEncoder();

export class Writer {
  buf = new Uint8Array(64);
  view = new DataView(this.buf.buffer);
  pos = 0;
  /** Field names and array indices from the root to the value being encoded. */
  readonly path: (string | number)[] = [];
  constructor(readonly root: string) {}

  /** Makes room for `n` more bytes and returns the offset to write them at (may replace `buf`/`view`). */
  reserve(n: number): number {
    const at = this.pos;
    if (at + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, at + n));
      next.set(this.buf.subarray(0, at));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.pos = at + n;
    return at;
  }

  u8(v: number): void {
    const at = this.reserve(1);
    this.buf[at] = v;
  }

  u32(v: number): void {
    const at = this.reserve(4);
    this.view.setUint32(at, v, true);
  }

  bytes(b: Uint8Array): void {
    this.u32(b.length);
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }

  string(s: string): void {
    this.bytes(utf8.encode(s));
  }

  /** Copies `hex` (even length, validated) into `n` bytes, least significant (last) pair first. */
  hexLE(hex: string, n: number): void {
    const at = this.reserve(n);
    for (let i = 0; i < n; i++) this.buf[at + i] = parseInt(hex.slice(hex.length - 2 * i - 2, hex.length - 2 * i), 16);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** A `ValueError` for the value currently being encoded. */
  fail(detail: string): never {
    throw new ValueError(detail, formatPath(this.root, this.path));
  }
}

/** `args` + ['items', 2, 'name'] → `args.items[2].name`. */
export function formatPath(root: string, path: readonly (string | number)[]): string {
  let out = root;
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}
