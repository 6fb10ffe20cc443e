/**
 * A reducer form's state: one draft per field, built from the field's type,
 * and its conversion to the JSON the engine's args codec reads (ints as
 * numbers or decimal strings, Option as value-or-null, enums as
 * `"Variant"` or `{"Variant": value}`, identities as hex or `@client`).
 */
import type { FieldType, Json } from '../../worker/api.ts';

export type Draft = boolean | string | null | Draft[] | { [key: string]: Draft } | { variant: string; value: Draft };

export function initialDraft(t: FieldType): Draft {
  switch (t.kind) {
    case 'bool': return false;
    case 'option': return null;
    case 'array': return [];
    case 'product': return Object.fromEntries(t.fields.map(f => [f.name, initialDraft(f.type)]));
    case 'enum': {
      const first = t.variants[0];
      return { variant: first?.name ?? '', value: first?.type ? initialDraft(first.type) : null };
    }
    case 'int': return '0';
    case 'json': return 'null';
    default: return '';
  }
}

const INT = /^-?\d+$/;

export class DraftError extends Error {
  override name = 'DraftError';
}

/** The draft as args JSON; throws `DraftError` saying which field is wrong. */
export function draftJson(t: FieldType, d: Draft, path: string): Json {
  const text = typeof d === 'string' ? d.trim() : '';
  switch (t.kind) {
    case 'bool': return d === true;
    case 'int': {
      if (!INT.test(text)) throw new DraftError(`${path}: write a whole number (${t.name})`);
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'float': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) throw new DraftError(`${path}: write a number (${t.name})`);
      return n;
    }
    case 'option': return d === null ? null : draftJson(t.inner, d, path);
    case 'array': return (d as Draft[]).map((x, i) => draftJson(t.element, x, `${path}[${i}]`));
    case 'product': {
      const obj = d as Record<string, Draft>;
      return Object.fromEntries(t.fields.map(f => [f.name, draftJson(f.type, obj[f.name] ?? null, `${path}.${f.name}`)]));
    }
    case 'enum': {
      const { variant, value } = d as { variant: string; value: Draft };
      const v = t.variants.find(x => x.name === variant);
      if (!v) throw new DraftError(`${path}: pick a variant`);
      return v.type ? { [variant]: draftJson(v.type, value, `${path}.${variant}`) } : variant;
    }
    case 'json':
      try {
        return JSON.parse(text) as Json;
      } catch {
        throw new DraftError(`${path}: not valid JSON`);
      }
    case 'identity':
    case 'connection-id':
    case 'uuid':
    case 'timestamp':
    case 'duration':
      if (!text) throw new DraftError(`${path}: required`);
      return text;
    default: return typeof d === 'string' ? d : '';
  }
}

/** `u64`, `Option<string>`, `Identity`: a short type name for labels. */
export function typeLabel(t: FieldType): string {
  switch (t.kind) {
    case 'int': case 'float': return t.name;
    case 'option': return `Option<${typeLabel(t.inner)}>`;
    case 'array': return `${typeLabel(t.element)}[]`;
    case 'product': return 'struct';
    case 'enum': return 'enum';
    case 'json': return t.name;
    case 'connection-id': return 'ConnectionId';
    default: return t.kind[0]!.toUpperCase() + t.kind.slice(1);
  }
}
