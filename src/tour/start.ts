/**
 * Starting the tour from elsewhere (the command palette) without importing
 * the component: a window event, as the palette's own opener does.
 */

const START_EVENT = 'spacetime:tour';

/** Starts the tour from its first step, whether or not it was seen before. */
export const startTour = (): void => void window.dispatchEvent(new Event(START_EVENT));

/** Calls `start` whenever `startTour` runs; returns the unsubscribe. */
export function onStartTour(start: () => void): () => void {
  window.addEventListener(START_EVENT, start);
  return () => window.removeEventListener(START_EVENT, start);
}
