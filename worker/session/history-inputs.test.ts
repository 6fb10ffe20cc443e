import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../history/entry.ts';
import { entriesToInputs } from './history-inputs.ts';

const OWNER = 1n;
const ALICE = 7n;
const committed = { status: 'committed' } as const;
let position = 0;
const entry = (e: Partial<LogEntry> & Pick<LogEntry, 'kind'>): LogEntry =>
  ({ position: position++, sender: OWNER, connectionId: 0n, timestamp: 100n, outcome: committed, logs: [], durationMs: 0, delta: [], ...e });

describe('entriesToInputs', () => {
  position = 0;
  const jwt = JSON.stringify({ sub: 'alice', iss: 'localhost' });
  const history = [
    entry({ kind: 'publish', timestamp: 10n }),
    entry({ kind: 'connect', sender: ALICE, connectionId: 5n, jwtPayload: jwt, timestamp: 20n }),
    entry({ kind: 'reducer', reducer: 'add', args: new Uint8Array([1]), sender: ALICE, connectionId: 5n, timestamp: 30n }),
    entry({ kind: 'immediate', reducer: 'follow_up', timestamp: 30n }),
    entry({ kind: 'reducer', reducer: 'admin', sender: OWNER, timestamp: 40n }),
    entry({ kind: 'scheduled', reducer: 'tick', timestamp: 50n }),
    entry({ kind: 'schedule-cleanup', timestamp: 50n }),
    entry({ kind: 'scheduled', reducer: 'other', timestamp: 50n }),
    entry({ kind: 'sql', sql: 'DELETE FROM t', timestamp: 60n }),
    entry({ kind: 'disconnect', sender: ALICE, connectionId: 5n, timestamp: 70n }),
  ];

  it('turns calls back into inputs, one tick per schedule batch, consequences left out', () => {
    expect(entriesToInputs(history, OWNER)).toEqual([
      { kind: 'publish', at: 10n },
      { kind: 'connect', client: 'alice', connectionId: 5n, at: 20n },
      { kind: 'call', reducer: 'add', args: new Uint8Array([1]), as: 'alice', connectionId: 5n, at: 30n },
      { kind: 'call', reducer: 'admin', args: new Uint8Array(0), as: null, at: 40n },
      { kind: 'tick', at: 50n },
      { kind: 'sql', text: 'DELETE FROM t', as: null, at: 60n },
      { kind: 'disconnect', client: 'alice', connectionId: 5n, at: 70n },
    ]);
  });

  it('starts at a position, still knowing the clients connected before it', () => {
    expect(entriesToInputs(history, OWNER, 9)).toEqual([{ kind: 'disconnect', client: 'alice', connectionId: 5n, at: 70n }]);
  });

  it('refuses an entry from a connection nobody opened', () => {
    expect(() => entriesToInputs([history[0]!, history[2]!], OWNER)).toThrow(/no recorded connect opened/);
  });
});
