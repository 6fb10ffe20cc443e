/**
 * Checks for sources that arrive from outside (a share link, a project
 * file): a hostile one must not reach another project, escape a zip folder
 * or exhaust memory, so names, paths and sizes are bounded here, in the
 * engine, whatever the page already checked.
 */
export const LIMITS = {
  files: 200,
  /** Total source text, in UTF-16 code units. */
  sourceChars: 4_000_000,
  nameChars: 60,
};

/** A path segment starts with a letter, digit, `_` or `-`: no empty, `.`, `..` or hidden segment. */
const SEGMENT = /^[\w-][\w.-]*$/;

export function isSourcePath(path: string): boolean {
  if (!path.endsWith('.ts') || path.length > 200) return false;
  return path.split('/').every(s => SEGMENT.test(s));
}

/** What is wrong with `files` and `entry`, or undefined when they may be opened. */
export function checkSources(files: unknown, entry: unknown): string | undefined {
  if (files === null || typeof files !== 'object' || Array.isArray(files)) return 'the sources are missing';
  const paths = Object.keys(files);
  if (paths.length === 0) return 'there are no source files';
  if (paths.length > LIMITS.files) return `there are ${paths.length} files (at most ${LIMITS.files})`;
  let chars = 0;
  for (const path of paths) {
    if (!isSourcePath(path)) return `"${path.slice(0, 80)}" is not a source file name (a .ts path of letters, digits, _ . - and /)`;
    const text = (files as Record<string, unknown>)[path];
    if (typeof text !== 'string') return `the file "${path}" has no text`;
    chars += text.length;
  }
  if (chars > LIMITS.sourceChars) return `the sources are too large (${chars} characters, at most ${LIMITS.sourceChars})`;
  if (typeof entry !== 'string' || !paths.includes(entry)) return 'the entry file is not among the sources';
  return undefined;
}

/** A display name made safe: control characters dropped, spaces collapsed, length bounded. */
export function cleanName(name: unknown, fallback: string): string {
  if (typeof name !== 'string') return fallback;
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, LIMITS.nameChars);
  return clean || fallback;
}

/** `base`, or `base 2`, `base 3`, … : the first name no project has, so nothing is overwritten. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}
