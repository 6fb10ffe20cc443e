/** History: saved as JSON text, newest first without duplicates, walked like a shell's. */
import { describe, expect, it } from 'vitest';
import { MAX_HISTORY, pushHistory, readHistory, START_WALK, walkHistory } from './query-history.ts';

describe('query history', () => {
  it('reads back what was saved and nothing from damaged values', () => {
    expect(readHistory(JSON.stringify(['SELECT 1', 'SELECT 2']))).toEqual(['SELECT 1', 'SELECT 2']);
    expect(readHistory(undefined)).toEqual([]);
    expect(readHistory(3)).toEqual([]);
    expect(readHistory('{not json')).toEqual([]);
    expect(readHistory(JSON.stringify(['a', 4, null, 'b']))).toEqual(['a', 'b']);
  });

  it('moves a rerun query to the front, skips blanks and keeps at most the limit', () => {
    expect(pushHistory(['b', 'a'], ' a ')).toEqual(['a', 'b']);
    expect(pushHistory(['a'], '   ')).toEqual(['a']);
    const full = Array.from({ length: MAX_HISTORY }, (_, i) => `q${i}`);
    const next = pushHistory(full, 'new');
    expect(next).toHaveLength(MAX_HISTORY);
    expect(next[0]).toBe('new');
    expect(next).not.toContain(`q${MAX_HISTORY - 1}`);
  });

  it('walks older with up, back with down, and restores the draft', () => {
    const list = ['newest', 'older'];
    const one = walkHistory(START_WALK, 'up', list, 'my draft');
    expect(one?.text).toBe('newest');
    const two = walkHistory(one!.walk, 'up', list, 'newest');
    expect(two?.text).toBe('older');
    expect(walkHistory(two!.walk, 'up', list, 'older')).toBeNull();
    const back = walkHistory(two!.walk, 'down', list, 'older');
    expect(back?.text).toBe('newest');
    expect(walkHistory(back!.walk, 'down', list, 'newest')?.text).toBe('my draft');
    expect(walkHistory(START_WALK, 'down', list, 'my draft')).toBeNull();
  });
});
