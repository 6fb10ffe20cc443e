/**
 * Timestamps (RFC 3339, microsecond precision, full i64 range without `Date`)
 * and durations ("10s", "250ms", "1.5h", "1h30m", "100us").
 */
import { ValueError } from './types.ts';

const US_PER_SEC = 1_000_000n;
const US_PER_DAY = 86_400n * US_PER_SEC;
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysFromCivil(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Micros since the Unix epoch → `2025-01-01T00:00:10.000000Z` (years outside 0..9999 as ±YYYYYY). */
export function formatTimestamp(micros: bigint): string {
  let days = micros / US_PER_DAY;
  let rem = micros % US_PER_DAY;
  if (rem < 0n) {
    rem += US_PER_DAY;
    days -= 1n;
  }
  const [y, mo, d] = civilFromDays(Number(days));
  const r = Number(rem);
  const frac = r % 1_000_000;
  const secs = (r - frac) / 1_000_000;
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? '-' : '+') + pad(Math.abs(y), 6);
  const time = `${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}`;
  return `${year}-${pad(mo, 2)}-${pad(d, 2)}T${time}.${pad(frac, 6)}Z`;
}

const RFC3339 =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** An RFC 3339 date-time with any offset and up to 6 fractional digits → micros since the epoch. */
export function parseTimestamp(text: string): bigint {
  const bad = (why: string): ValueError =>
    new ValueError(`expected an RFC 3339 timestamp like "2025-01-01T00:00:00Z"${why}, got ${JSON.stringify(text)}`);
  const m = RFC3339.exec(text);
  if (!m) throw bad('');
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const frac = (m[7] ?? '').replace(/0+$/, '');
  if (frac.length > 6) throw bad(' (at most microsecond precision)');
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    throw bad(' (field out of range)');
  }
  let offset = 0;
  if (m[8] !== undefined) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) throw bad(' (offset out of range)');
    offset = (m[8] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const secs = BigInt(daysFromCivil(y, mo, d)) * 86_400n + BigInt(h * 3600 + mi * 60 + s - offset);
  return secs * US_PER_SEC + BigInt(frac.padEnd(6, '0'));
}

const UNITS: Record<string, bigint> = {
  us: 1n, 'µs': 1n, 'μs': 1n, ms: 1000n, s: US_PER_SEC, sec: US_PER_SEC,
  m: 60n * US_PER_SEC, min: 60n * US_PER_SEC, h: 3600n * US_PER_SEC, hr: 3600n * US_PER_SEC, d: US_PER_DAY,
};
const PART = /\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zµμ]*)/y;

/**
 * A duration like `10s`, `250ms`, `1.5h`, `2d`, `100us`, `1h30m` or `-5s` → micros.
 * Units: us (µs), ms, s, m (min), h, d. Throws a `ValueError` on anything else.
 */
export function parseDuration(text: string): bigint {
  const bad = (why: string): ValueError =>
    new ValueError(`expected a duration like "10s", "250ms", "1.5h", "2d" or "100us"${why}, got ${JSON.stringify(text)}`);
  let body = text.trim();
  const negative = body.startsWith('-');
  if (negative || body.startsWith('+')) body = body.slice(1);
  if (body === '') throw bad('');
  let total = 0n;
  PART.lastIndex = 0;
  while (PART.lastIndex < body.length) {
    const m = PART.exec(body);
    if (!m) throw bad('');
    const [, num = '', unitName = ''] = m;
    const unit = UNITS[unitName];
    if (unit === undefined) throw bad(unitName ? ` (unknown unit "${unitName}")` : ' (missing unit)');
    const [whole = '', frac = ''] = num.split('.');
    const scaled = BigInt(whole + frac || '0') * unit;
    const scale = 10n ** BigInt(frac.length);
    if (scaled % scale !== 0n) throw bad(' (finer than a microsecond)');
    total += scaled / scale;
  }
  return negative ? -total : total;
}

/** Micros → a compact duration like `1h30m`, `250ms`, `0s` (the inverse of `parseDuration`). */
export function formatDuration(micros: bigint): string {
  if (micros === 0n) return '0s';
  let rest = micros < 0n ? -micros : micros;
  let out = micros < 0n ? '-' : '';
  for (const [unit, size] of [['d', US_PER_DAY], ['h', 3600n * US_PER_SEC], ['m', 60n * US_PER_SEC], ['s', US_PER_SEC], ['ms', 1000n], ['us', 1n]] as const) {
    if (rest >= size) {
      out += `${rest / size}${unit}`;
      rest %= size;
    }
  }
  return out;
}
