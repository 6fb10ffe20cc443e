/**
 * Small naming and quoting helpers shared by the generated files: Rust-like
 * string ordering and how names and strings are written in generated code.
 */

/** Byte-order comparison, as Rust sorts strings. */
export const byName = <T>(key: (x: T) => string) => (a: T, b: T): number => {
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A double-quoted string literal. */
export const quote = (s: string): string => JSON.stringify(s);
/** A single-quoted string literal. */
export const single = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** An object key as written in generated code (quoted when it is not an identifier). */
export const key = (name: string): string => (IDENT.test(name) ? name : quote(name));
