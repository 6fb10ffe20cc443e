// Scripts that run in the page (as source text: bench/ compiles without the
// DOM library). `INIT` is added before the app's own scripts: it keeps every
// engine Worker the page creates (a restart makes a new one; the last is
// live), so the bench can call the engine's host verbs (worker/api.ts) over
// comlink's wire format, the way src/host.ts does. The engine serves its API
// on the ports the page's first message transfers, so the bench adds a port
// of its own to that message.

export const INIT = `
(() => {
  const bench = {
    workers: [],
    seq: 0,
    status() {
      const el = document.querySelector('[role=status][aria-label="Publish status"]');
      return el ? (el.textContent || '').trim() : '';
    },
    clients() {
      return [...document.querySelectorAll('article.client-card')].map(a => ({
        name: (a.querySelector('h3') || {}).textContent || '',
        status: (a.querySelector('.client-head .muted') || {}).textContent || '',
        connection: (a.querySelectorAll('.client-ids code')[1] || { getAttribute: () => '' }).getAttribute('title') || '',
      }));
    },
    table(label) {
      const el = document.querySelector('table[aria-label="' + label + '"]');
      return el ? el.textContent || '' : '';
    },
    /** Calls host verb path(...args) for every args of argsList, all in flight at once; resolves to the replies' values. */
    many(path, argsList) {
      const w = bench.workers[bench.workers.length - 1].port;
      const prefix = 'bench-' + ++bench.seq + '-';
      const replies = new Array(argsList.length);
      let left = argsList.length;
      return new Promise((resolve, reject) => {
        if (left === 0) return resolve(replies);
        const on = ev => {
          const d = ev.data;
          if (!d || typeof d.id !== 'string' || !d.id.startsWith(prefix)) return;
          const i = Number(d.id.slice(prefix.length));
          if (d.type === 'HANDLER') { w.removeEventListener('message', on); return reject(new Error(JSON.stringify(d.value))); }
          replies[i] = d.value;
          if (--left === 0) { w.removeEventListener('message', on); resolve(replies); }
        };
        w.addEventListener('message', on);
        argsList.forEach((args, i) =>
          w.postMessage({ id: prefix + i, type: 'APPLY', path, argumentList: args.map(value => ({ type: 'RAW', value })) })
        );
      });
    },
  };
  window.__bench = bench;
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url, options) {
      super(url, options);
      // Only the engine (src/host.ts names it); Monaco starts workers of its own.
      if (options && options.name === 'spacetime-engine') bench.workers.push(this);
    }
    postMessage(message, transfer) {
      if (!bench.workers.includes(this) || this.port) return super.postMessage(message, transfer);
      const channel = new MessageChannel();
      this.port = channel.port1;
      this.port.start();
      super.postMessage(message, [...(transfer || []), channel.port2]);
    }
  };
})();
`;

/** Milliseconds since navigation start once the first visit's Kanban sample is published and both clients see their boards. */
export const COLD_READY = `(() => {
  const b = window.__bench;
  const ok = /^Published in \\d+ ms$/.test(b.status()) &&
    b.table("alice's board").includes('Launch plan') && b.table("bob's board").includes('Bug triage');
  return ok ? performance.now() : false;
})()`;

/** Milliseconds since navigation start once a stored project is restored and its clients are online. */
export const RESTORED_READY = `(() => {
  const b = window.__bench;
  const clients = b.clients();
  const ok = b.status() === 'Restored from this browser' && clients.length > 0 &&
    clients.every(c => c.status === 'online' && c.connection);
  return ok ? performance.now() : false;
})()`;

/**
 * Arms a watch for one publish by Ctrl+S: the clock starts at the keydown.
 * A MutationObserver follows the page (so no short state is missed): the
 * status goes "Compiling and publishing…", then "Published in N ms"; the
 * clock stops at the next animation frame after that once every client is
 * online (clients that dropped while the new version loaded are back).
 * Resolves to the milliseconds in between.
 */
export const ARM_REPUBLISH = `(() => {
  const b = window.__bench;
  let start = 0;
  let busy = false;
  let published = false;
  const onKey = e => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && !start) start = performance.now();
  };
  window.addEventListener('keydown', onKey, true);
  window.__republish = new Promise((resolve, reject) => {
    let done = false;
    const check = () => {
      if (!start || done) return;
      const s = b.status();
      if (s === 'Compiling and publishing…') busy = true;
      if (busy && /^Published in \\d+ ms$/.test(s)) published = true;
      const clients = b.clients();
      if (published && clients.length > 0 && clients.every(c => c.status === 'online')) {
        done = true;
        observer.disconnect();
        window.removeEventListener('keydown', onKey, true);
        requestAnimationFrame(() => resolve(performance.now() - start));
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => {
      if (done) return;
      observer.disconnect();
      reject(new Error('republish: not ready after 20 s; status: ' + b.status() + '; clients ' + JSON.stringify(b.clients()) + '; busy ' + busy + ', start ' + start));
    }, 20000);
  });
  return true;
})()`;
