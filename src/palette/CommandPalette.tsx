import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useWorkspace } from '../state/use-workspace.ts';
import { buildCommands, type Command } from './commands.ts';
import { filterByQuery } from './match.ts';
import './palette.css';

const OPEN_EVENT = 'spacetime:command-palette';
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const PALETTE_KEYS = isMac ? '⌘K' : 'Ctrl+K';

/** Opens the palette (from a button; the keyboard shortcut needs nothing). */
export const openPalette = (): void => void window.dispatchEvent(new Event(OPEN_EVENT));

/** Ctrl/Cmd+K: a searchable list of samples, panels, clients, projects and actions. */
export function CommandPalette() {
  const s = useWorkspace();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const shown = useMemo(() => (open ? filterByQuery(buildCommands(s), query) : []), [open, s, query]);

  useEffect(() => {
    const show = () => {
      setQuery('');
      setActive(0);
      setOpen(true);
    };
    // Capture phase: Monaco would otherwise take Ctrl+K as the start of a chord.
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        e.stopPropagation();
        show();
      }
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener(OPEN_EVENT, show);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener(OPEN_EVENT, show);
    };
  }, []);
  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  // Braces matter: Chrome's scrollIntoView returns a promise, which React would call as the effect's cleanup.
  useEffect(() => {
    document.getElementById(`${id}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, active]);

  const run = (c: Command | undefined) => {
    if (!c) return;
    setOpen(false);
    c.run();
  };
  const onKey = (e: KeyboardEvent) => {
    const n = shown.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (n) setActive((active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(shown[active]);
    }
  };

  return (
    <dialog ref={dialog} className="palette" aria-label="Command palette" onClose={() => setOpen(false)}
      onClick={e => e.target === e.currentTarget && setOpen(false)}>
      {open && (
        <>
          <input
            autoFocus
            role="combobox"
            aria-label="Search commands"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-activedescendant={shown.length ? `${id}-${active}` : undefined}
            placeholder="Type a command, sample, panel, client or project…"
            value={query}
            onChange={e => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKey}
          />
          <ul role="listbox" id={`${id}-list`} aria-label="Commands" className="palette-list">
            {shown.map((c, i) => (
              <li key={c.id} id={`${id}-${i}`} role="option" aria-selected={i === active} onMouseMove={() => setActive(i)} onClick={() => run(c)}>
                <span className="palette-group">{c.group}</span>
                <span className="grow">{c.label}</span>
                {c.hint && <span className="muted small palette-hint">{c.hint}</span>}
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p className="empty">No command matches “{query}”.</p>}
        </>
      )}
    </dialog>
  );
}
