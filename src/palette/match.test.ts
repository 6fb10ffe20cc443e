import { describe, expect, it } from 'vitest';
import { filterByQuery, matchScore } from './match.ts';

const items = ['Publish', 'Share link', 'Show panel: SQL', 'Show panel: Subscriptions', 'Open sample: Chat', 'Export project file'].map(label => ({ label }));
const labels = (q: string) => filterByQuery(items, q).map(i => i.label);

describe('the command palette filter', () => {
  it('keeps every command, in order, for an empty query', () => {
    expect(labels('  ')).toEqual(items.map(i => i.label));
  });

  it('matches characters in order, ignoring case', () => {
    expect(matchScore('pub', 'Publish')).toBeGreaterThan(0);
    expect(matchScore('bup', 'Publish')).toBe(-1);
    expect(labels('chat')).toEqual(['Open sample: Chat']);
  });

  it('ranks word starts and consecutive runs first', () => {
    expect(labels('sql')[0]).toBe('Show panel: SQL');
    expect(labels('sh')[0]).toBe('Share link');
    expect(labels('exp')).toEqual(['Export project file']);
  });
});
