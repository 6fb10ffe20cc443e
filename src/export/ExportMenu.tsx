import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ejectZip, exportProjectFile, pickProjectFile } from './actions.ts';
import './export.css';

const ITEMS = [
  { label: 'Export project file', hint: 'sources, data and log', run: () => void exportProjectFile() },
  { label: 'Import project file…', hint: 'opens as a new project', run: pickProjectFile },
  { label: 'Download for spacetime publish', hint: '.zip with client bindings', run: () => void ejectZip() },
] as const;

/** Export ▾: project file out and in, and the zip a real `spacetime publish` takes. */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => !anchor.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const onKey = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') setOpen(false);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };
  return (
    <div ref={anchor} className="popover-anchor">
      <button type="button" className="secondary" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export ▾
      </button>
      {open && (
        <div ref={menu} role="menu" aria-label="Export" className="popover menu" onKeyDown={onKey}>
          {ITEMS.map((item, i) => (
            <button key={item.label} type="button" role="menuitem" autoFocus={i === 0} onClick={() => {
              setOpen(false);
              item.run();
            }}>
              {item.label} <span className="muted small">{item.hint}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
