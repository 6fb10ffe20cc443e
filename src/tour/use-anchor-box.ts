/**
 * The popover's position next to the element a step points at, kept up to
 * date while the tour shows. Every animation frame compares the anchor's box
 * and the popover's size with the last ones (one cheap read when nothing
 * moved), so window resizes, splitter drags and a banner pushing the docks
 * down all move the popover; React re-renders only when something changed.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { placePopover, type Box } from './placement.ts';
import type { Placement } from './steps.ts';

export type Layout = { anchor: Box; top: number; left: number };

const same = (a: Layout | null, b: Layout): boolean =>
  a !== null && a.top === b.top && a.left === b.left && a.anchor.top === b.anchor.top && a.anchor.left === b.anchor.left && a.anchor.width === b.anchor.width && a.anchor.height === b.anchor.height;

/** Measures now and on every frame; null until the first measurement (render the popover hidden until then). */
export function useAnchorBox(selector: string | null, placement: Placement, popover: RefObject<HTMLElement | null>): Layout | null {
  const [layout, setLayout] = useState<Layout | null>(null);
  useLayoutEffect(() => {
    if (selector === null) return setLayout(null);
    let frame = 0;
    const measure = () => {
      const el = popover.current;
      if (!el) return;
      const r = document.querySelector(selector)?.getBoundingClientRect();
      const viewport = { width: window.innerWidth, height: window.innerHeight };
      // A missing anchor (a panel not rendered yet) leaves the popover at the viewport's bottom right.
      const anchor = r ? { top: r.top, left: r.left, width: r.width, height: r.height } : { top: 0, left: 0, ...viewport };
      const next = { anchor, ...placePopover(anchor, { width: el.offsetWidth, height: el.offsetHeight }, viewport, r ? placement : 'inside-bottom-right') };
      setLayout(prev => (same(prev, next) ? prev : next));
    };
    const loop = () => {
      measure();
      frame = requestAnimationFrame(loop);
    };
    loop();
    return () => cancelAnimationFrame(frame);
  }, [selector, placement, popover]);
  return layout;
}
