/**
 * Reducer parameter types as plain data, so the page can build a form per
 * reducer (number inputs, identity pickers, option toggles, enum dropdowns,
 * array editors) without knowing SATS. Every shape maps to the JSON the
 * args codec accepts (`values/json-encode*.ts`).
 */
import type { AlgebraicType } from 'spacetimedb';
import type { ModuleSchema } from '../module/schema-types.ts';
import { isScheduleAt, isUnitType, optionInfo, resolveType, specialKind, type Typespace } from '../values/types.ts';
import { formatType } from '../values/json-codec.ts';

export type FieldType =
  | { kind: 'bool' }
  | { kind: 'int'; name: string }
  | { kind: 'float'; name: string }
  | { kind: 'string' }
  | { kind: 'bytes' }
  | { kind: 'identity' }
  | { kind: 'connection-id' }
  | { kind: 'timestamp' }
  | { kind: 'duration' }
  | { kind: 'uuid' }
  | { kind: 'option'; inner: FieldType }
  | { kind: 'array'; element: FieldType }
  | { kind: 'product'; fields: { name: string; type: FieldType }[] }
  | { kind: 'enum'; variants: { name: string; type: FieldType | null }[] }
  /** Anything the form can't edit field by field: the user writes its JSON. */
  | { kind: 'json'; name: string };

export type ReducerForm = { name: string; params: { name: string; type: FieldType }[] };

const SPECIAL = { Identity: 'identity', ConnectionId: 'connection-id', Timestamp: 'timestamp', TimeDuration: 'duration', Uuid: 'uuid' } as const;

export function fieldType(type: AlgebraicType, ts: Typespace, depth = 0): FieldType {
  const t = resolveType(type, ts);
  if (depth > 8) return { kind: 'json', name: formatType(type, ts) };
  const inner = (x: AlgebraicType) => fieldType(x, ts, depth + 1);
  switch (t.tag) {
    case 'Bool': return { kind: 'bool' };
    case 'String': return { kind: 'string' };
    case 'F32': case 'F64': return { kind: 'float', name: t.tag.toLowerCase() };
    case 'Array': {
      const el = resolveType(t.value, ts);
      return el.tag === 'U8' ? { kind: 'bytes' } : { kind: 'array', element: inner(t.value) };
    }
    case 'Product': {
      const special = specialKind(t.value);
      if (special) return { kind: SPECIAL[special] };
      return { kind: 'product', fields: t.value.elements.map((e, i) => ({ name: e.name ?? String(i), type: inner(e.algebraicType) })) };
    }
    case 'Sum': {
      const opt = optionInfo(t.value);
      if (opt) return { kind: 'option', inner: inner(opt.inner) };
      if (isScheduleAt(t.value, ts)) return { kind: 'json', name: 'ScheduleAt' };
      return {
        kind: 'enum',
        variants: t.value.variants.map((v, i) => ({
          name: v.name ?? String(i),
          type: isUnitType(v.algebraicType, ts) ? null : inner(v.algebraicType),
        })),
      };
    }
    case 'Ref': return { kind: 'json', name: formatType(type, ts) };
    default: return { kind: 'int', name: t.tag.toLowerCase() };
  }
}

/** One form per reducer a client may call (lifecycle and scheduled-only reducers are left out). */
export function reducerForms(schema: ModuleSchema): ReducerForm[] {
  return schema.reducers
    .filter(r => !r.lifecycle)
    .map(r => ({ name: r.name, params: r.params.map(p => ({ name: p.name, type: fieldType(p.type, schema.typespace) })) }));
}
