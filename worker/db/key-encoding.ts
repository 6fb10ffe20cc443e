/**
 * Order-preserving ("memcomparable") key encoding. A BSATN value becomes a
 * byte string whose plain lexicographic order is upstream's AlgebraicValue
 * order; bytes are stored one per char (codes 0–255) in a JS string so `<`
 * compares. Encodings are prefix-free, so concatenating column encodings
 * orders multi-column keys lexicographically.
 *
 * - ints: big-endian, sign bit flipped for signed types (any width)
 * - bool: one byte 0/1 (anything else is a decode error)
 * - f32/f64: decorum `Total` order, upstream's F32/F64: -0 == +0, every NaN equal and above +inf
 * - string, bytes: 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x00
 * - arrays: 0x01 before each element, 0x00 at the end (shorter prefix first)
 * - products: fields in order; sums: tag byte then payload
 */
import type { AlgebraicType } from 'spacetimedb';
import { decodeError, PRIMITIVE_SIZE, readU32, resolveType } from './bsatn-layout.ts';
import type { KeyBuf } from './key-buf.ts';

/** Appends the key encoding of the value at `off` to `out`; returns the value's end offset. */
export type Enc = (src: Uint8Array, off: number, out: KeyBuf) => number;

function encInt(size: number, signed: boolean): Enc {
  return (src, off, out) => {
    const end = off + size;
    if (end > src.length) throw decodeError();
    const b = out.reserve(size);
    const first = out.n;
    let n = first;
    for (let i = end - 1; i >= off; i--) b[n++] = src[i]!;
    if (signed) b[first] = b[first]! ^ 0x80;
    out.n = n;
    return end;
  };
}

const encBool: Enc = (src, off, out) => {
  const v = src[off];
  if (v === undefined || v > 1) throw decodeError();
  out.reserve(1)[out.n++] = v;
  return off + 1;
};

const FLOAT_VIEW = new DataView(new ArrayBuffer(8));

function encFloat(size: 4 | 8): Enc {
  return (src, off, out) => {
    const end = off + size;
    if (end > src.length) throw decodeError();
    for (let i = 0; i < size; i++) FLOAT_VIEW.setUint8(i, src[off + i]!);
    const v = size === 8 ? FLOAT_VIEW.getFloat64(0, true) : FLOAT_VIEW.getFloat32(0, true);
    const b = out.reserve(size);
    let n = out.n;
    if (v !== v) {
      for (let i = 0; i < size; i++) b[n++] = 0xff;
    } else if (v === 0) {
      b[n++] = 0x80;
      for (let i = 1; i < size; i++) b[n++] = 0;
    } else {
      const neg = v < 0;
      for (let i = end - 1; i >= off; i--) b[n++] = neg ? ~src[i]! & 0xff : src[i]!;
      if (!neg) b[out.n] = b[out.n]! ^ 0x80;
    }
    out.n = n;
    return end;
  };
}

/** Strings and byte arrays: escaped bytes plus a terminator. */
const encBytes: Enc = (src, off, out) => {
  const len = readU32(src, off);
  const start = off + 4;
  const end = start + len;
  if (end > src.length) throw decodeError();
  const b = out.reserve(2 * len + 2);
  let n = out.n;
  for (let i = start; i < end; i++) {
    const c = src[i]!;
    b[n++] = c;
    if (c === 0) b[n++] = 0xff;
  }
  b[n++] = 0;
  b[n++] = 0;
  out.n = n;
  return end;
};

function encArray(elem: Enc): Enc {
  return (src, off, out) => {
    const count = readU32(src, off);
    let o = off + 4;
    for (let i = 0; i < count; i++) {
      out.reserve(1)[out.n++] = 1;
      o = elem(src, o, out);
    }
    out.reserve(1)[out.n++] = 0;
    return o;
  };
}

function encProduct(fields: readonly Enc[]): Enc {
  if (fields.length === 1) return fields[0]!;
  return (src, off, out) => {
    let o = off;
    for (let i = 0; i < fields.length; i++) o = fields[i]!(src, o, out);
    return o;
  };
}

function encSum(variants: readonly Enc[]): Enc {
  return (src, off, out) => {
    const tag = src[off];
    if (tag === undefined) throw decodeError();
    const v = variants[tag];
    if (v === undefined) throw decodeError();
    out.reserve(1)[out.n++] = tag;
    return v(src, off + 1, out);
  };
}

/** Compiles key encoders for the types of one module. */
export class KeyCompiler {
  private readonly refs = new Map<number, Enc>();
  constructor(private readonly typespace: readonly AlgebraicType[]) {}

  enc(ty: AlgebraicType): Enc {
    switch (ty.tag) {
      case 'Ref':
        return this.encRef(ty.value);
      case 'Bool':
        return encBool;
      case 'F32':
        return encFloat(4);
      case 'F64':
        return encFloat(8);
      case 'String':
        return encBytes;
      case 'Array': {
        const elem = resolveType(ty.value, this.typespace);
        return elem.tag === 'U8' ? encBytes : encArray(this.enc(ty.value));
      }
      case 'Product':
        return encProduct(ty.value.elements.map(e => this.enc(e.algebraicType)));
      case 'Sum':
        return encSum(ty.value.variants.map(v => this.enc(v.algebraicType)));
      default: {
        const size = PRIMITIVE_SIZE[ty.tag];
        if (size === undefined) throw new Error(`unsupported type ${ty.tag}`);
        return encInt(size, ty.tag.startsWith('I'));
      }
    }
  }

  private encRef(n: number): Enc {
    const cached = this.refs.get(n);
    if (cached !== undefined) return cached;
    // A forwarding stub first, so recursive types (through refs) terminate.
    const ref: { impl?: Enc } = {};
    this.refs.set(n, (src, off, out) => ref.impl!(src, off, out));
    const impl = this.enc(resolveType({ tag: 'Ref', value: n }, this.typespace));
    ref.impl = impl;
    this.refs.set(n, impl);
    return impl;
  }
}
