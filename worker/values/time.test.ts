import { Timestamp } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimestamp, parseDuration, parseTimestamp, ValueError } from './json-codec.ts';

describe('parseDuration', () => {
  it.each([
    ['100us', 100n],
    ['100µs', 100n],
    ['250ms', 250_000n],
    ['10s', 10_000_000n],
    ['1.5s', 1_500_000n],
    ['2m', 120_000_000n],
    ['1.5h', 5_400_000_000n],
    ['2d', 172_800_000_000n],
    ['1h30m', 5_400_000_000n],
    ['1h 30m 15s', 5_415_000_000n],
    ['-5s', -5_000_000n],
    ['0s', 0n],
    ['.5ms', 500n],
    ['  3 min ', 180_000_000n],
  ])('%s → %s micros', (text, micros) => {
    expect(parseDuration(text)).toBe(micros);
  });

  it.each([
    ['', 'expected a duration'],
    ['10', '(missing unit)'],
    ['10 parsecs', '(unknown unit "parsecs")'],
    ['1.5us', '(finer than a microsecond)'],
    ['s', 'expected a duration'],
    ['1s2', '(missing unit)'],
    ['--1s', 'expected a duration'],
  ])('rejects %j', (text, why) => {
    expect(() => parseDuration(text)).toThrow(ValueError);
    expect(() => parseDuration(text)).toThrow(why);
  });

  it('formats back compactly', () => {
    expect(formatDuration(5_400_000_000n)).toBe('1h30m');
    expect(formatDuration(250_000n)).toBe('250ms');
    expect(formatDuration(0n)).toBe('0s');
    expect(formatDuration(-90_061_001_001n)).toBe('-1d1h1m1s1ms1us');
    for (const text of ['2d', '1h30m', '250ms', '100us']) expect(formatDuration(parseDuration(text))).toBe(text);
  });
});

describe('timestamps', () => {
  it('formats with exactly six fractional digits, like the library', () => {
    expect(formatTimestamp(0n)).toBe('1970-01-01T00:00:00.000000Z');
    expect(formatTimestamp(1735689610000000n)).toBe('2025-01-01T00:00:10.000000Z');
    expect(formatTimestamp(951782400000001n)).toBe('2000-02-29T00:00:00.000001Z');
    for (const micros of [1n, 86_399_999_999n, 1709164800123456n, 4102444800000000n]) {
      expect(formatTimestamp(micros)).toBe(new Timestamp(micros).toISOString());
    }
  });

  it('handles instants before the epoch and outside 0000..9999', () => {
    expect(formatTimestamp(-1n)).toBe('1969-12-31T23:59:59.999999Z');
    expect(formatTimestamp(-86_400_000_000n)).toBe('1969-12-31T00:00:00.000000Z');
    expect(formatTimestamp(-(2n ** 63n))).toBe('-290308-12-21T19:59:05.224192Z');
    expect(formatTimestamp(2n ** 63n - 1n)).toBe('+294247-01-10T04:00:54.775807Z');
    for (const micros of [-(2n ** 63n), 2n ** 63n - 1n, -62135596800000000n, -1n, 123n]) {
      expect(parseTimestamp(formatTimestamp(micros))).toBe(micros);
    }
  });

  it('parses RFC 3339 with offsets and up to microsecond precision', () => {
    expect(parseTimestamp('2025-01-01T00:00:10Z')).toBe(1735689610000000n);
    expect(parseTimestamp('2025-01-01t00:00:10.5z')).toBe(1735689610500000n);
    expect(parseTimestamp('2025-01-01 05:30:10+05:30')).toBe(1735689610000000n);
    expect(parseTimestamp('2024-12-31T23:00:10.123456-01:00')).toBe(1735689610123456n);
    expect(parseTimestamp('2025-01-01T00:00:10.123456000Z')).toBe(1735689610123456n);
    expect(() => parseTimestamp('2025-01-01T00:00:10.1234567Z')).toThrow('at most microsecond precision');
    expect(() => parseTimestamp('2025-02-29T00:00:00Z')).toThrow('field out of range');
    expect(() => parseTimestamp('2025-01-01T00:00:00')).toThrow(ValueError);
    expect(() => parseTimestamp('2025-01-01')).toThrow(ValueError);
    expect(() => parseTimestamp('2025-01-01T00:00:00+24:00')).toThrow('offset out of range');
  });
});
