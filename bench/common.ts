// Shared helpers for the benchmark: output, timing, a seeded PRNG.

/** One figure on stdout, as one JSON line; nothing else goes to stdout. */
export function emit(name: string, value: number, unit: 'tx/s' | 'rows/s' | 'ms' | 'x' | 'MB'): void {
  const rounded = unit === 'x' || unit === 'ms' || unit === 'MB' ? Math.round(value * 100) / 100 : Math.round(value);
  process.stdout.write(`${JSON.stringify({ name, value: rounded, unit })}\n`);
}

/** Progress for humans, on stderr. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Milliseconds `fn` takes (synchronous). */
export function timeSync(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Milliseconds `fn` takes (asynchronous). */
export async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * mulberry32: a small deterministic PRNG, so every run picks the same ids
 * (results do not depend on Math.random).
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` ids in 1..max, from `seed`. */
export function randomIds(seed: number, count: number, max: number): number[] {
  const next = prng(seed);
  return Array.from({ length: count }, () => 1 + Math.floor(next() * max));
}
