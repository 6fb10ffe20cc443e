import { useId } from 'react';
import type { FieldType } from '../../worker/api.ts';
import { initialDraft, typeLabel, type Draft } from './field-json.ts';

type Props = { label: string; type: FieldType; value: Draft; onChange(value: Draft): void; clients: { name: string; identity: string | null }[] };

/** One form field for a reducer parameter, shaped by its type (nested for options, arrays, structs and enums). */
export function FieldInput({ label, type, value, onChange, clients }: Props) {
  const id = useId();
  const text = typeof value === 'string' ? value : '';
  const head = (
    <label htmlFor={id} className="field-label">
      {label} <span className="type">{typeLabel(type)}</span>
    </label>
  );
  switch (type.kind) {
    case 'bool':
      return (
        <div className="field check">
          <input id={id} type="checkbox" checked={value === true} onChange={e => onChange(e.target.checked)} />
          {head}
        </div>
      );
    case 'identity':
      return (
        <div className="field">
          {head}
          <input id={id} list={`${id}-clients`} value={text} placeholder="@client or 0x… hex" onChange={e => onChange(e.target.value)} />
          <datalist id={`${id}-clients`}>
            {clients.map(c => (
              <option key={c.name} value={`@${c.name}`}>{c.identity ? `${c.name} · 0x${c.identity.slice(0, 8)}…` : c.name}</option>
            ))}
          </datalist>
        </div>
      );
    case 'timestamp':
      return (
        <div className="field">
          {head}
          <div className="row">
            <input id={id} className="grow" value={text} placeholder="2025-01-01T09:00:00Z" onChange={e => onChange(e.target.value)} />
            <button type="button" className="secondary small" onClick={() => onChange(new Date().toISOString())}>now</button>
          </div>
        </div>
      );
    case 'option':
      return (
        <fieldset className="field nested">
          <legend>
            <label className="check">
              <input type="checkbox" checked={value !== null} onChange={e => onChange(e.target.checked ? initialDraft(type.inner) : null)} />
              {label} <span className="type">{typeLabel(type)}</span>
            </label>
          </legend>
          {value !== null && <FieldInput label={`${label} value`} type={type.inner} value={value} onChange={onChange} clients={clients} />}
        </fieldset>
      );
    case 'array': {
      const items = Array.isArray(value) ? value : [];
      return (
        <fieldset className="field nested">
          <legend>{label} <span className="type">{typeLabel(type)}</span></legend>
          {items.map((item, i) => (
            <div key={i} className="row">
              <div className="grow">
                <FieldInput label={`${label}[${i}]`} type={type.element} value={item} clients={clients} onChange={v => onChange(items.map((x, j) => (j === i ? v : x)))} />
              </div>
              <button type="button" className="icon" aria-label={`Remove ${label}[${i}]`} onClick={() => onChange(items.filter((_, j) => j !== i))}>−</button>
            </div>
          ))}
          <button type="button" className="secondary small" onClick={() => onChange([...items, initialDraft(type.element)])}>Add item</button>
        </fieldset>
      );
    }
    case 'product': {
      const obj = (value ?? {}) as Record<string, Draft>;
      return (
        <fieldset className="field nested">
          <legend>{label}</legend>
          {type.fields.map(f => (
            <FieldInput key={f.name} label={f.name} type={f.type} value={obj[f.name] ?? initialDraft(f.type)} clients={clients} onChange={v => onChange({ ...obj, [f.name]: v })} />
          ))}
        </fieldset>
      );
    }
    case 'enum': {
      const cur = value as { variant: string; value: Draft };
      const variant = type.variants.find(v => v.name === cur.variant);
      return (
        <div className="field">
          {head}
          <select id={id} value={cur.variant} onChange={e => {
            const v = type.variants.find(x => x.name === e.target.value);
            onChange({ variant: e.target.value, value: v?.type ? initialDraft(v.type) : null });
          }}>
            {type.variants.map(v => <option key={v.name} value={v.name}>{v.name}</option>)}
          </select>
          {variant?.type && <FieldInput label={`${label} ${variant.name}`} type={variant.type} value={cur.value} clients={clients} onChange={v => onChange({ ...cur, value: v })} />}
        </div>
      );
    }
    case 'json':
      return (
        <div className="field">
          {head}
          <textarea id={id} className="code" rows={2} value={text} onChange={e => onChange(e.target.value)} />
        </div>
      );
    default:
      return (
        <div className="field">
          {head}
          <input id={id} value={text} inputMode={type.kind === 'int' || type.kind === 'float' ? 'numeric' : undefined}
            placeholder={type.kind === 'duration' ? '10s, 1h30m' : type.kind === 'bytes' ? '0x…' : undefined}
            onChange={e => onChange(e.target.value)} />
        </div>
      );
  }
}
