/**
 * The module's typespace as the generator sees it: the client name of a
 * named type, and which named types a type use mentions.
 */
import type { AlgebraicType } from 'spacetimedb';
import { pascalCase } from './case.ts';
import { isScheduleAt, specialProduct } from './type-shapes.ts';

/** The typespace and the client names of its named types. */
export type Types = {
  ts: AlgebraicType[];
  nameOfRef: (ref: number) => string | undefined;
};

export function typesOf(ts: AlgebraicType[], typeNames: Map<number, string[]>): Types {
  const nameOfRef = (ref: number): string | undefined => {
    const segs = typeNames.get(ref);
    return segs ? segs.map(pascalCase).join('') : undefined;
  };
  return { ts, nameOfRef };
}

/** Whether writing `t` mentions a named type (then a field needs a getter: the type may not be initialized yet). */
export function containsRef(types: Types, t: AlgebraicType, seen = new Set<number>()): boolean {
  switch (t.tag) {
    case 'Ref': {
      if (types.nameOfRef(t.value) !== undefined) return true;
      if (seen.has(t.value)) return false;
      seen.add(t.value);
      return containsRef(types, types.ts[t.value]!, seen);
    }
    case 'Array': return containsRef(types, t.value, seen);
    case 'Product': return !specialProduct(t) && t.value.elements.some(e => containsRef(types, e.algebraicType, seen));
    case 'Sum': return !isScheduleAt(t) && t.value.variants.some(v => containsRef(types, v.algebraicType, seen));
    default: return false;
  }
}

/** Collects the named types `t` mentions (for `import { … } from "./types"`). */
export function refsOf(types: Types, t: AlgebraicType, out: Set<string>, seen = new Set<number>()): Set<string> {
  switch (t.tag) {
    case 'Ref': {
      const n = types.nameOfRef(t.value);
      if (n !== undefined) out.add(n);
      else if (!seen.has(t.value)) {
        seen.add(t.value);
        refsOf(types, types.ts[t.value]!, out, seen);
      }
      break;
    }
    case 'Array': refsOf(types, t.value, out, seen); break;
    case 'Product': if (!specialProduct(t)) for (const e of t.value.elements) refsOf(types, e.algebraicType, out, seen); break;
    case 'Sum': if (!isScheduleAt(t)) for (const v of t.value.variants) refsOf(types, v.algebraicType, out, seen); break;
    default: break;
  }
  return out;
}
