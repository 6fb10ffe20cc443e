import type { KeyboardEvent, PointerEvent } from 'react';

type Props = {
  /** `vertical`: a bar between columns, dragged sideways; `horizontal`: between rows. */
  orientation: 'vertical' | 'horizontal';
  label: string;
  value: number;
  min: number;
  max: number;
  /** Whether dragging towards the end (right/down) shrinks the value (the pane after the bar). */
  invert?: boolean;
  /** Pixels per unit of `value` (1 for pixel sizes). */
  scale?: number;
  onChange(value: number): void;
};

/** A draggable bar between two panes (also moved with the arrow keys). */
export function Splitter({ orientation, label, value, min, max, invert = false, scale = 1, onChange }: Props) {
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const start = orientation === 'vertical' ? e.clientX : e.clientY;
    const from = value;
    const move = (ev: globalThis.PointerEvent) => {
      const delta = ((orientation === 'vertical' ? ev.clientX : ev.clientY) - start) / scale;
      onChange(clamp(from + (invert ? -delta : delta)));
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const keys = orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    const dir = keys.indexOf(e.key);
    if (dir < 0) return;
    e.preventDefault();
    onChange(clamp(value + (dir === 1 !== invert ? 24 : -24) / scale));
  };
  return (
    <div
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`splitter ${orientation}`}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
