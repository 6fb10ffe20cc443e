/**
 * Where the tour's popover goes: a pure function of the anchor's box, the
 * popover's size and the viewport, so it can be recomputed on every resize
 * and tested without a browser. The popover is `position: fixed`, so
 * placing it never moves the page's layout.
 */
import type { Placement } from './steps.ts';

export type Box = { top: number; left: number; width: number; height: number };
export type Size = { width: number; height: number };

/** Space kept between the popover and its anchor or the viewport's edge. */
export const GAP = 12;
/** Distance from the anchor's edges for a popover placed inside it. */
export const INSET = 20;

const clamp = (v: number, min: number, max: number): number => Math.max(min, Math.min(v, Math.max(min, max)));

/** The popover's top-left corner for `placement`, kept inside the viewport. */
export function placePopover(anchor: Box, size: Size, viewport: Size, placement: Placement): { top: number; left: number } {
  const right = anchor.left + anchor.width;
  const bottom = anchor.top + anchor.height;
  let top: number;
  let left: number;
  if (placement === 'inside-bottom-right') {
    // Clear of Monaco's scrollbars and minimap (about 14px), over the editor's usually empty bottom right.
    top = bottom - size.height - INSET;
    left = right - size.width - INSET;
  } else if (placement === 'left') {
    top = anchor.top + GAP * 3;
    left = anchor.left - size.width - GAP;
  } else {
    top = anchor.top - size.height - GAP;
    left = right - size.width - GAP * 2;
  }
  return {
    top: clamp(top, GAP, viewport.height - size.height - GAP),
    left: clamp(left, GAP, viewport.width - size.width - GAP),
  };
}
