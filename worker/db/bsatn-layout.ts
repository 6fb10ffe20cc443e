/**
 * BSATN layout: per type, a precompiled way to find where a value ends in a
 * buffer (a fixed byte size, or a skip function). Nothing here decodes
 * values into JS objects. Row column spans are in row-layout.ts.
 */
import type { AlgebraicType } from 'spacetimedb';
import { ERRNO, HostError } from './datastore-types.ts';

/** Returns the offset just past the value starting at `off`; throws on truncated or malformed input. */
export type SkipFn = (buf: Uint8Array, off: number) => number;
/** A fixed byte size, or a skip function for variable-size types. */
export type Skip = number | SkipFn;

export function decodeError(): HostError {
  return new HostError(ERRNO.BSATN_DECODE_ERROR);
}

/** Follows `Ref`s into the typespace. */
export function resolveType(ty: AlgebraicType, typespace: readonly AlgebraicType[]): AlgebraicType {
  let t = ty;
  for (let hops = 0; t.tag === 'Ref'; hops++) {
    const next = typespace[t.value];
    if (next === undefined || hops > typespace.length) throw new Error(`bad type ref ${t.value}`);
    t = next;
  }
  return t;
}

/** Byte sizes of the fixed-size primitives. */
export const PRIMITIVE_SIZE: Readonly<Record<string, number>> = {
  Bool: 1, I8: 1, U8: 1, I16: 2, U16: 2, I32: 4, U32: 4, I64: 8, U64: 8,
  I128: 16, U128: 16, I256: 32, U256: 32, F32: 4, F64: 8,
};

export function readU32(buf: Uint8Array, off: number): number {
  if (off + 4 > buf.length) throw decodeError();
  return (buf[off]! | (buf[off + 1]! << 8) | (buf[off + 2]! << 16) | (buf[off + 3]! << 24)) >>> 0;
}

function skipFixedArray(size: number): SkipFn {
  return (buf, off) => {
    const end = off + 4 + readU32(buf, off) * size;
    if (end > buf.length) throw decodeError();
    return end;
  };
}

function skipVarArray(elem: SkipFn): SkipFn {
  return (buf, off) => {
    const n = readU32(buf, off);
    let o = off + 4;
    for (let i = 0; i < n; i++) o = elem(buf, o);
    return o;
  };
}

function skipProduct(parts: readonly Skip[]): Skip {
  if (parts.every(p => typeof p === 'number')) return (parts as number[]).reduce((a, b) => a + b, 0);
  return (buf, off) => {
    let o = off;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      o = typeof p === 'number' ? o + p : p(buf, o);
    }
    return o;
  };
}

function skipSum(variants: readonly Skip[]): SkipFn {
  return (buf, off) => {
    if (off >= buf.length) throw decodeError();
    const v = variants[buf[off]!];
    if (v === undefined) throw decodeError();
    return typeof v === 'number' ? off + 1 + v : v(buf, off + 1);
  };
}

/** Compiles skips for the types of one module (caches refs, handles recursive types). */
export class LayoutCompiler {
  private readonly refs = new Map<number, Skip>();
  constructor(private readonly typespace: readonly AlgebraicType[]) {}

  skip(ty: AlgebraicType): Skip {
    if (ty.tag === 'Ref') return this.skipRef(ty.value);
    const size = PRIMITIVE_SIZE[ty.tag];
    if (size !== undefined) return size;
    switch (ty.tag) {
      case 'String':
        return skipFixedArray(1);
      case 'Array': {
        const elem = this.skip(ty.value);
        return typeof elem === 'number' ? skipFixedArray(elem) : skipVarArray(elem);
      }
      case 'Product':
        return skipProduct(ty.value.elements.map(e => this.skip(e.algebraicType)));
      case 'Sum':
        return skipSum(ty.value.variants.map(v => this.skip(v.algebraicType)));
      default:
        throw new Error(`unsupported type ${ty.tag}`);
    }
  }

  private skipRef(n: number): Skip {
    const cached = this.refs.get(n);
    if (cached !== undefined) return cached;
    let impl: SkipFn = () => {
      throw new Error('recursive type used before compiled');
    };
    this.refs.set(n, (buf, off) => impl(buf, off));
    const compiled = this.skip(resolveType({ tag: 'Ref', value: n }, this.typespace));
    impl = typeof compiled === 'number' ? (_buf, off) => off + compiled : compiled;
    this.refs.set(n, compiled);
    return compiled;
  }
}
