import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistoryPoint } from '../../worker/api.ts';

const PALETTE = ['#2f9e8f', '#d9822b', '#7c6fd6', '#3f8fd2', '#c2497b', '#7a9a2a', '#a0673a', '#5b7083'];
const HEIGHT = 112;

type Props = { points: HistoryPoint[]; tables: string[]; viewing: number | null; onSeek(position: number): void };

const css = (name: string, fallback: string): string => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/** A tick's time of day, with milliseconds when ticks are close together. */
const clock = (seconds: number, step: number): string => new Date(seconds * 1000).toISOString().slice(step < 1 ? 14 : 11, step < 1 ? 23 : 19);

/** x: seconds, strictly increasing (entries in the same microsecond are nudged apart so each keeps its own index). */
function columns(points: HistoryPoint[], tables: string[]): uPlot.AlignedData {
  const xs: number[] = [];
  for (const p of points) xs.push(Math.max(p.time / 1000, (xs.at(-1) ?? -Infinity) + 1e-6));
  const tx = points.map(p => p.position + 1);
  const failed = points.map(p => (p.status === 'committed' ? null : p.position + 1));
  return [xs, tx, failed, ...tables.map((_, i) => points.map(p => p.rows[i] ?? 0))];
}

function options(tables: string[], width: number, marker: { current: number | null }): uPlot.Options {
  const text = css('--muted', '#6a717c');
  const grid = { stroke: css('--border', '#e1e4e8'), width: 1 };
  const axis = { stroke: text, grid, ticks: grid, font: '11px system-ui', size: 36 };
  const stepped = uPlot.paths.stepped?.({ align: 1 });
  return {
    width,
    height: HEIGHT,
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    legend: { live: false },
    scales: { x: { time: true }, tx: { auto: true }, rows: { auto: true } },
    axes: [
      { ...axis, size: 22, space: 90, values: (_u, splits, _i, _space, step) => splits.map(s => clock(s, step)) },
      { ...axis, scale: 'tx', label: 'transactions', labelSize: 14, labelFont: '11px system-ui' },
      { ...axis, scale: 'rows', side: 1, label: 'rows', labelSize: 14, labelFont: '11px system-ui', size: 44, grid: { show: false } },
    ],
    series: [
      {},
      { label: 'transactions', scale: 'tx', stroke: css('--accent', '#5a4fd6'), width: 2, paths: stepped, points: { show: false } },
      { label: 'failures', scale: 'tx', stroke: css('--bad', '#b3261e'), paths: () => null, points: { show: true, size: 7, fill: css('--bad', '#b3261e') } },
      ...tables.map((t, i) => ({ label: t, scale: 'rows', stroke: PALETTE[i % PALETTE.length], width: 1.5, paths: stepped, points: { show: false } })),
    ],
    hooks: {
      draw: [
        u => {
          const p = marker.current;
          const xs = u.data[0];
          if (p === null || xs[p] === undefined) return;
          const x = Math.round(u.valToPos(xs[p]!, 'x', true));
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = css('--warn', '#8a5a00');
          ctx.lineWidth = 2 * devicePixelRatio;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        },
      ],
    },
  };
}

/** The timeline plot: transactions (failures marked) and rows per table over time; a click seeks to the nearest entry. */
export function TimelinePlot({ points, tables, viewing, onSeek }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const marker = useRef<number | null>(viewing);
  const seek = useRef(onSeek);
  seek.current = onSeek;
  const key = tables.join('\u0000');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(options(key ? key.split('\u0000') : [], Math.max(el.clientWidth, 200), marker), [[]], el);
    plot.current = u;
    const click = () => u.cursor.idx != null && seek.current(u.cursor.idx);
    u.over.addEventListener('click', click);
    const resize = new ResizeObserver(() => el.clientWidth > 0 && u.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [key]);

  useEffect(() => {
    plot.current?.setData(columns(points, tables));
  }, [points, tables]);

  useEffect(() => {
    marker.current = viewing;
    plot.current?.redraw(false);
  }, [viewing]);

  return <div className="timeline-plot" ref={box} role="img" aria-label={`Plot of ${points.length} transactions and rows per table over time`} />;
}
