/** Microseconds since the Unix epoch, as `Timestamp` holds them. */
export type Micros = bigint;

export type Clock = {
  now(): Micros;
  /** Virtual clocks move only when told; real clocks ignore this. */
  readonly virtual: boolean;
  set(t: Micros): void;
};

/** Time that moves only when a scenario says so: same inputs, same outputs. */
export function createVirtualClock(start: Micros): Clock {
  let t = start;
  return {
    virtual: true,
    now: () => t,
    set(next) {
      if (next > t) t = next;
    },
  };
}

/** Wall-clock time (browser and `serve`). */
export function createRealClock(): Clock {
  return {
    virtual: false,
    now: () => BigInt(Date.now()) * 1000n,
    set() {},
  };
}
