/**
 * Connections of one identity (a client and its extra tabs) open one at a
 * time. The engine picks a connecting client's connection id (the next one
 * for that name, or on resume the first connection nobody holds) when the
 * socket is attached, but only marks it taken once the connection is
 * accepted; two tabs attaching together would pick the same one.
 */
const SETTLE_MS = 5000;

export function createConnectQueue() {
  const tails = new Map<string, Promise<void>>();
  return {
    /** Waits for earlier connects of `who` to settle; call the returned `done` once this one did (connected or failed). */
    async enter(who: string): Promise<() => void> {
      const before = tails.get(who) ?? Promise.resolve();
      let done!: () => void;
      const settled = new Promise<void>(resolve => (done = resolve));
      const tail = before.then(() => {
        // A connect that never settles (the engine restarted mid-way) must not block its identity forever.
        setTimeout(done, SETTLE_MS);
        return settled;
      });
      tails.set(who, tail);
      void tail.then(() => tails.get(who) === tail && tails.delete(who));
      await before;
      return done;
    },
  };
}
