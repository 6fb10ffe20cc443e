/**
 * The first-visit tour: a small non-modal popover beside the module editor,
 * then the Tables, Clients and Timeline panels. It starts by itself once,
 * when a first visit has published Kanban and both clients are online, and
 * again from the palette's "Take the tour". Finishing or skipping it is
 * remembered in localStorage. The page stays usable throughout: the
 * popover is fixed-position, takes focus only when nothing else has it,
 * and its keys work only while focus is inside it.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { workspace } from '../state/workspace.ts';
import { classifyBoot, firstVisitReady, type BootKind } from './first-visit.ts';
import { onStartTour } from './start.ts';
import { nextIndex, stepCount, TOUR_STEPS } from './steps.ts';
import { markTourSeen, pageStorage, tourSeen } from './tour-storage.ts';
import { useAnchorBox } from './use-anchor-box.ts';
import './tour.css';

/** `text` with `backticked` parts as code. */
const withCode = (text: string) => text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part));

export function Tour() {
  const [index, setIndex] = useState<number | null>(null);
  const popover = useRef<HTMLDivElement>(null);
  // Where focus was when the tour opened, to give it back at the end; and whether to take focus at all.
  const returnTo = useRef<Element | null>(null);
  const takeFocus = useRef(false);
  const step = index === null ? undefined : TOUR_STEPS[index];
  const layout = useAnchorBox(step?.anchor ?? null, step?.placement ?? 'above', popover);

  useEffect(() => {
    const open = (asked: boolean) => {
      const focused = document.activeElement;
      // Started by itself, it must not take the keyboard from someone typing elsewhere.
      takeFocus.current = asked || focused === null || focused === document.body;
      returnTo.current = focused;
      setIndex(0);
    };
    // After the palette's dialog has closed and handed focus back, so that focus comes into the tour and later returns there.
    const offStart = onStartTour(() => void setTimeout(() => open(true)));
    if (tourSeen(pageStorage())) return offStart;
    let kind: BootKind = 'pending';
    const check = () => {
      const s = workspace.get();
      if (kind === 'pending') kind = classifyBoot(s);
      if (kind === 'returning' || (kind === 'first-visit' && firstVisitReady(s))) offStore();
      if (kind === 'first-visit' && firstVisitReady(s) && !tourSeen(pageStorage())) open(false);
    };
    const offStore = workspace.subscribe(check);
    check();
    return () => {
      offStart();
      offStore();
    };
  }, []);

  useEffect(() => {
    if (step?.select) workspace.setLayout(step.select.dock, step.select.tab);
  }, [step]);

  useLayoutEffect(() => {
    const el = popover.current;
    if (!el || index === null) return;
    const focused = document.activeElement;
    if (takeFocus.current || el.contains(focused) || focused === document.body) el.focus({ preventScroll: true });
    takeFocus.current = false;
  }, [index]);

  const end = (how: 'finished' | 'skipped') => {
    markTourSeen(pageStorage(), how);
    const hadFocus = popover.current?.contains(document.activeElement) ?? false;
    setIndex(null);
    const back = returnTo.current;
    if (hadFocus && back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
  };
  const move = (to: 'next' | 'back' | 'skip') => {
    if (index === null) return;
    const n = nextIndex(index, to);
    if (n === 'end') end(to === 'skip' ? 'skipped' : 'finished');
    else setIndex(n);
  };
  const onKey = (e: KeyboardEvent) => {
    const onButton = e.target instanceof HTMLButtonElement;
    let to: 'next' | 'back' | 'skip' | null = null;
    if (e.key === 'Escape') to = 'skip';
    else if (e.key === 'ArrowRight' || (e.key === 'Enter' && !onButton)) to = 'next';
    else if (e.key === 'ArrowLeft') to = 'back';
    if (!to || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    e.stopPropagation();
    move(to);
  };

  if (!step || index === null) return null;
  const last = index === TOUR_STEPS.length - 1;
  const bodyId = `tour-body-${step.id}`;
  return (
    <>
      {layout && <div className="tour-ring" aria-hidden="true" style={{ top: layout.anchor.top, left: layout.anchor.left, width: layout.anchor.width, height: layout.anchor.height }} />}
      <div ref={popover} role="dialog" aria-label={`Tour: ${step.title}`} aria-describedby={bodyId} tabIndex={-1} className="tour-popover" data-step={step.id}
        style={layout ? { top: layout.top, left: layout.left } : { top: 0, left: 0, opacity: 0, pointerEvents: 'none' }} onKeyDown={onKey}>
        <div className="tour-head">
          <h2 className="tour-title">{step.title}</h2>
          <span className="tour-count muted small">{stepCount(index)}</span>
        </div>
        <p id={bodyId} className="tour-body">{withCode(step.body)}</p>
        <div className="tour-actions">
          {!last && <button type="button" className="link small tour-skip" onClick={() => move('skip')}>Skip tour</button>}
          <span className="grow" />
          <button type="button" className="secondary small" disabled={index === 0} onClick={() => move('back')}>Back</button>
          <button type="button" className="small" onClick={() => move('next')}>{last ? 'Done' : 'Next'}</button>
        </div>
      </div>
    </>
  );
}
