/** SDK row values (Identity, Timestamp, bigint, sums…) as text for small tables. */
type Hexed = { toHexString(): string };
type Dated = { toDate(): Date };

const isHexed = (v: object): v is Hexed => typeof (v as Partial<Hexed>).toHexString === 'function';
const isDated = (v: object): v is Dated => typeof (v as Partial<Dated>).toDate === 'function';

export function sdkValueText(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return v;
  if (typeof v !== 'object') return String(v);
  if (isHexed(v)) return v.toHexString();
  if (isDated(v)) return v.toDate().toISOString();
  if (v instanceof Uint8Array) return `0x${[...v].map(b => b.toString(16).padStart(2, '0')).join('')}`;
  if (Array.isArray(v)) return `[${v.map(sdkValueText).join(', ')}]`;
  const tagged = v as { tag?: unknown; value?: unknown };
  if (typeof tagged.tag === 'string') return tagged.value === undefined ? tagged.tag : `${tagged.tag}(${sdkValueText(tagged.value)})`;
  return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${sdkValueText(x)}`).join(', ')} }`;
}
