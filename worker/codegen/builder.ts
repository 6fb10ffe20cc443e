/**
 * The type-builder expression generated code writes for a type use
 * (`__t.option(__t.string())`, `Person3Info`).
 */
import type { AlgebraicType } from 'spacetimedb';
import { camelCase, pascalCase } from './case.ts';
import { key } from './names.ts';
import type { Types } from './type-refs.ts';
import { isOption, isResult, isScheduleAt, specialProduct } from './type-shapes.ts';

export function builder(types: Types, t: AlgebraicType, seen = new Set<number>()): string {
  switch (t.tag) {
    case 'Ref': {
      const n = types.nameOfRef(t.value);
      if (n !== undefined) return n;
      if (seen.has(t.value)) throw new Error(`recursive unnamed type at typespace index ${t.value}`);
      return builder(types, types.ts[t.value]!, new Set(seen).add(t.value));
    }
    case 'Bool': return '__t.bool()';
    case 'I8': return '__t.i8()';
    case 'U8': return '__t.u8()';
    case 'I16': return '__t.i16()';
    case 'U16': return '__t.u16()';
    case 'I32': return '__t.i32()';
    case 'U32': return '__t.u32()';
    case 'I64': return '__t.i64()';
    case 'U64': return '__t.u64()';
    case 'I128': return '__t.i128()';
    case 'U128': return '__t.u128()';
    case 'I256': return '__t.i256()';
    case 'U256': return '__t.u256()';
    case 'F32': return '__t.f32()';
    case 'F64': return '__t.f64()';
    case 'String': return '__t.string()';
    case 'Array':
      return t.value.tag === 'U8' ? '__t.byteArray()' : `__t.array(${builder(types, t.value, seen)})`;
    case 'Product': {
      const special = specialProduct(t);
      if (special) return special;
      // Upstream requires products to be named types; an anonymous one is written inline.
      const fields = t.value.elements.map((e, i) => `${key(camelCase(e.name ?? `field${i}`))}: ${builder(types, e.algebraicType, seen)}`);
      return `__t.object("AnonymousProduct", { ${fields.join(', ')} })`;
    }
    case 'Sum': {
      if (isScheduleAt(t)) return '__t.scheduleAt()';
      if (isOption(t)) return `__t.option(${builder(types, t.value.variants[0]!.algebraicType, seen)})`;
      if (isResult(t)) {
        const [ok, err] = t.value.variants;
        return `__t.result(${builder(types, ok!.algebraicType, seen)}, ${builder(types, err!.algebraicType, seen)})`;
      }
      const variants = t.value.variants.map((v, i) => `${key(pascalCase(v.name ?? `variant${i}`))}: ${builder(types, v.algebraicType, seen)}`);
      return `__t.enum("AnonymousSum", { ${variants.join(', ')} })`;
    }
    default: {
      const never: never = t;
      throw new Error(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}
