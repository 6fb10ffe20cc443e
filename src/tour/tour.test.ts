/** The tour's pure parts: step order and moves, the seen flag, placement, and telling a first visit from a returning one. */
import { describe, expect, it } from 'vitest';
import type { ClientState } from '../clients/sim-clients.ts';
import type { WorkspaceState } from '../state/workspace-types.ts';
import { classifyBoot, firstVisitReady } from './first-visit.ts';
import { GAP, INSET, placePopover } from './placement.ts';
import { nextIndex, stepCount, TOUR_STEPS } from './steps.ts';
import { markTourSeen, TOUR_KEY, tourSeen, type FlagStorage } from './tour-storage.ts';

const memory = (): FlagStorage & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: k => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};

describe('tour steps', () => {
  it('visit module, tables, clients and timeline in that order, selecting the panel each one points at', () => {
    expect(TOUR_STEPS.map(s => s.id)).toEqual(['module', 'tables', 'clients', 'timeline']);
    expect(TOUR_STEPS.map(s => s.select?.tab)).toEqual([undefined, 'tables', 'clients', 'timeline']);
  });
  it('move forward and back within bounds, and end after the last step or on skip', () => {
    expect(nextIndex(0, 'next')).toBe(1);
    expect(nextIndex(0, 'back')).toBe(0);
    expect(nextIndex(2, 'back')).toBe(1);
    expect(nextIndex(3, 'next')).toBe('end');
    expect(nextIndex(1, 'skip')).toBe('end');
  });
  it('count from one', () => expect(stepCount(1)).toBe('2 of 4'));
});

describe('tour seen flag', () => {
  it('is unset in a fresh browser and set once the tour is finished or skipped', () => {
    const s = memory();
    expect(tourSeen(s)).toBe(false);
    markTourSeen(s, 'skipped');
    expect(tourSeen(s)).toBe(true);
    expect(s.map.get(TOUR_KEY)).toBe('skipped');
  });
  it('counts as seen when storage is missing or throws, so the tour never nags', () => {
    const broken: FlagStorage = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(tourSeen(null)).toBe(true);
    expect(tourSeen(broken)).toBe(true);
    expect(() => markTourSeen(broken, 'finished')).not.toThrow();
  });
});

describe('popover placement', () => {
  const viewport = { width: 1600, height: 1000 };
  const size = { width: 320, height: 150 };
  it('sits inside the bottom-right corner, to the left, or above its anchor', () => {
    const anchor = { top: 200, left: 600, width: 600, height: 400 };
    expect(placePopover(anchor, size, viewport, 'inside-bottom-right')).toEqual({ top: 600 - 150 - INSET, left: 1200 - 320 - INSET });
    expect(placePopover(anchor, size, viewport, 'left')).toEqual({ top: 200 + 3 * GAP, left: 600 - 320 - GAP });
    expect(placePopover(anchor, size, viewport, 'above')).toEqual({ top: 200 - 150 - GAP, left: 1200 - 320 - 2 * GAP });
  });
  it('stays inside the viewport when the anchor is at its edge', () => {
    expect(placePopover({ top: 0, left: 0, width: 100, height: 50 }, size, viewport, 'above')).toEqual({ top: GAP, left: GAP });
  });
});

type Boot = Pick<WorkspaceState, 'module' | 'status' | 'clients'>;
const moduleSummary = {} as NonNullable<WorkspaceState['module']>;
const person = (name: string, status: ClientState['status']) => ({ name, status }) as ClientState;

describe('first-visit detection', () => {
  it('waits while the engine starts and the sample compiles', () => {
    expect(classifyBoot({ module: null, status: { tone: 'busy', text: 'Compiling and publishing…' }, clients: [] })).toBe('pending');
  });
  it('calls a fresh publish before any client a first visit', () => {
    expect(classifyBoot({ module: moduleSummary, status: { tone: 'ok', text: 'Published in 412 ms' }, clients: [] })).toBe('first-visit');
  });
  it.each<[string, Boot]>([
    ['a restored project', { module: moduleSummary, status: { tone: 'ok', text: 'Restored from this browser' }, clients: [] }],
    ['an unpublished stored project', { module: null, status: { tone: 'ok', text: 'Not published yet' }, clients: [] }],
    ['an engine that failed to start', { module: null, status: { tone: 'error', text: 'The engine did not start' }, clients: [] }],
  ])('calls %s returning', (_name, s) => expect(classifyBoot(s)).toBe('returning'));
  it('is ready once alice and bob are both online', () => {
    expect(firstVisitReady({ clients: [person('alice', 'online'), person('bob', 'connecting')] })).toBe(false);
    expect(firstVisitReady({ clients: [person('alice', 'online'), person('bob', 'online')] })).toBe(true);
  });
});
