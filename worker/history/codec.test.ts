import { beforeAll, describe, expect, it } from 'vitest';
import { HistoryFormatError, parseHistory, serializeEntries, serializeHistory } from './codec.ts';
import type { History, LogEntry } from './entry.ts';
import { openRecorded, runScript } from './test-fixtures.ts';

let history: History;

beforeAll(async () => {
  const t = await openRecorded();
  runScript(t);
  history = t.history;
});

const withEverything: LogEntry = {
  position: 0,
  kind: 'connect',
  reducer: 'on_connect',
  args: new Uint8Array([0, 1, 254, 255]),
  sender: (1n << 255n) + 5n,
  connectionId: (1n << 127n) + 3n,
  jwtPayload: '{"sub":"ü ✓","iss":"localhost"}',
  timestamp: 1735689600000001n,
  clock: 1735689600000002n,
  outcome: { status: 'failed', kind: 'internal', message: 'The instance encountered a fatal error.', detail: 'Error: x\n    at y' },
  logs: [{ level: 'warn', message: 'line\nbreak "quoted"' }],
  durationMs: 0.1 + 0.2,
  delta: [{ tableId: 3, inserts: [new Uint8Array([9, 8]), new Uint8Array(0)], deletes: [new Uint8Array([7])] }],
  sql: "UPDATE t SET a = 'b'",
  sequences: [{ tableId: 3, column: 0, next: 12 }],
};

describe('history file', () => {
  it('round-trips a recorded history exactly: every field, bigints and bytes included', () => {
    const text = serializeHistory(history);
    const back = parseHistory(text);
    expect(back.truncated).toBe(false);
    expect(back.header).toEqual(history.header);
    expect(back.entries).toEqual(history.entries);
    expect(serializeHistory(back)).toBe(text);
  });

  it('round-trips optional fields, 256-bit identities, float durations and unicode', () => {
    const h: History = { header: { ...history.header, forkOf: { timeline: 'main', position: 4 } }, entries: [withEverything] };
    const back = parseHistory(serializeHistory(h));
    expect(back.entries[0]).toEqual(withEverything);
    expect(back.entries[0]!.durationMs).toBe(0.1 + 0.2);
    expect(back.header.forkOf).toEqual({ timeline: 'main', position: 4 });
  });

  it('is JSON lines: the header, then one entry per line, so appending entries extends the file', () => {
    const head = serializeHistory({ header: history.header, entries: history.entries.slice(0, 3) });
    const text = head + serializeEntries(history.entries.slice(3));
    expect(text).toBe(serializeHistory(history));
    expect(text.split('\n')).toHaveLength(history.entries.length + 2);
  });

  it('drops a last line cut short by a crash and reports it', () => {
    const text = serializeHistory(history);
    const cut = text.slice(0, text.length - 20);
    const back = parseHistory(cut);
    expect(back.truncated).toBe(true);
    expect(back.entries).toEqual(history.entries.slice(0, -1));
  });

  it('rejects other files, other versions, bad lines and gaps in positions', () => {
    const lines = serializeHistory(history).split('\n');
    expect(() => parseHistory('')).toThrow(HistoryFormatError);
    expect(() => parseHistory('{"steps": []}\n')).toThrow(/not a history file/);
    expect(() => parseHistory(lines[0]!.replace('"version":1', '"version":9') + '\n')).toThrow(/version 9 is not supported/);
    expect(() => parseHistory([lines[0], '{oops', lines[1], ''].join('\n'))).toThrow(/line 2/);
    expect(() => parseHistory([lines[0], lines[1], lines[3], ''].join('\n'))).toThrow(/position 2, expected 1/);
    expect(() => parseHistory([lines[0], lines[1]!.replace(/"args":"[0-9a-f]*"/, '"args":"xyz"'), ''].join('\n'))).toThrow(/hex/);
  });
});
