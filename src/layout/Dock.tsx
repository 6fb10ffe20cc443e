import { useId, type KeyboardEvent, type ReactNode } from 'react';

/** `render` gets whether its panel shows (hidden panels stay mounted). */
export type DockTab = { id: string; label: string; badge?: string | number | undefined; render: (active: boolean) => ReactNode };

type Props = { label: string; tabs: DockTab[]; selected: string; onSelect(id: string): void; className?: string; actions?: ReactNode };

/** A tab strip and its panels. Every panel stays mounted (live views keep their state); only the selected one shows. */
export function Dock({ label, tabs, selected, onSelect, className, actions }: Props) {
  const id = useId();
  const current = tabs.some(t => t.id === selected) ? selected : tabs[0]?.id;
  const onKey = (e: KeyboardEvent) => {
    // Alt+arrows step the timeline, wherever focus is.
    if ((e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') || e.altKey) return;
    const i = tabs.findIndex(t => t.id === current);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) onSelect(next.id);
  };
  return (
    <section className={`dock ${className ?? ''}`} aria-label={label}>
      <div className="dock-bar">
        <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKey}>
          {tabs.map(t => (
            <button
              key={t.id}
              role="tab"
              id={`${id}-${t.id}-tab`}
              aria-selected={t.id === current}
              aria-controls={`${id}-${t.id}`}
              tabIndex={t.id === current ? 0 : -1}
              className="tab"
              onClick={() => onSelect(t.id)}
            >
              {t.label}
              {t.badge !== undefined && t.badge !== 0 && <span className="tab-badge">{t.badge}</span>}
            </button>
          ))}
        </div>
        {actions}
      </div>
      {tabs.map(t => (
        <div key={t.id} role="tabpanel" id={`${id}-${t.id}`} aria-labelledby={`${id}-${t.id}-tab`} className="dock-panel" hidden={t.id !== current}>
          {t.render(t.id === current)}
        </div>
      ))}
    </section>
  );
}
