/**
 * The four stops of the first-visit tour, in order: what each says, which
 * element it points at and which dock tab it selects so that element shows
 * what the words describe.
 */

/** Where the popover sits relative to its anchor's box. */
export type Placement = 'inside-bottom-right' | 'left' | 'above';

export type TourStep = {
  id: 'module' | 'tables' | 'clients' | 'timeline';
  title: string;
  body: string;
  /** A CSS selector for the element the step points at. */
  anchor: string;
  placement: Placement;
  /** The dock tab to select first: a layout key and the tab's id in App. */
  select?: { dock: 'right-tab' | 'bottom-tab'; tab: string };
};

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'module',
    title: 'Module',
    body: 'This is a SpacetimeDB module: tables and reducers in TypeScript, as you would write them for `spacetime publish`. Edit it, then Publish (Ctrl/Cmd+S) compiles and runs it right here in the browser.',
    anchor: '.editor-area .code-editor',
    placement: 'inside-bottom-right',
  },
  {
    id: 'tables',
    title: 'Tables',
    body: "The database's live rows, with each table's schema on top. Rows a transaction changes flash as it commits.",
    anchor: 'section.dock[aria-label="Database"]',
    placement: 'left',
    select: { dock: 'right-tab', tab: 'tables' },
  },
  {
    id: 'clients',
    title: 'Clients',
    body: 'alice and bob are two real SDK connections. Row-level security decides what reaches each cache, so they see different boards.',
    anchor: 'section.dock[aria-label="Activity"]',
    placement: 'above',
    select: { dock: 'bottom-tab', tab: 'clients' },
  },
  {
    id: 'timeline',
    title: 'Timeline',
    body: 'Every transaction is recorded. Scrub back to see the past state, replay it against edited code, or fork a new history from any point.',
    anchor: 'section.dock[aria-label="Activity"]',
    placement: 'above',
    select: { dock: 'bottom-tab', tab: 'timeline' },
  },
];

/** The step a key press or button leads to from `index`: a number, or 'end' when the tour is over. */
export function nextIndex(index: number, move: 'next' | 'back' | 'skip', count = TOUR_STEPS.length): number | 'end' {
  if (move === 'skip') return 'end';
  if (move === 'back') return Math.max(0, index - 1);
  return index + 1 >= count ? 'end' : index + 1;
}

/** "2 of 4": which step this is, counted from one. */
export const stepCount = (index: number, count = TOUR_STEPS.length): string => `${index + 1} of ${count}`;
