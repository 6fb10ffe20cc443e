import { useEffect, useRef, useState } from 'react';
import { readShare } from '../share.ts';
import { copyShareLink, type CopiedLink } from './actions.ts';

/** Copies the project's share link and shows it, selected, for copying by hand. */
export function ShareButton() {
  const [link, setLink] = useState<CopiedLink | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.select();
  }, [link]);
  useEffect(() => {
    // A share link pasted into this tab's address bar changes only the fragment: open it as a page load would.
    const onHash = () => readShare(window.location) && window.location.reload();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const copy = async () => setLink(await copyShareLink(false));
  return (
    <div className="popover-anchor">
      <button type="button" className="secondary" aria-expanded={link !== null} onClick={() => (link ? setLink(null) : void copy())}>
        Share
      </button>
      {link && (
        <div role="dialog" aria-label="Share link" className="popover share-popover" onKeyDown={e => e.key === 'Escape' && setLink(null)}>
          <p role="status" className={`small ${link.copied ? 'muted' : 'bad'}`}>{link.text}</p>
          <div className="row">
            <input ref={input} className="code grow" readOnly value={link.url} aria-label="Share link URL" onFocus={e => e.currentTarget.select()} />
            <button type="button" className="secondary small" onClick={() => void copy()}>Copy</button>
            <button type="button" className="icon" aria-label="Close share link" onClick={() => setLink(null)}>×</button>
          </div>
        </div>
      )}
    </div>
  );
}
