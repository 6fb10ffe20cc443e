/**
 * Rewrites stack frames of compiled module code (`spacetime-module.js:L:C`)
 * to the module's own files (`cards.ts:42:11`) with the build's source map,
 * so an internal error shows the owner where it happened. Frames of the
 * library and the host are dropped: they say nothing about the module, and
 * would make output depend on where the playground is installed.
 */
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { MODULE_FILE, VFS } from '../build/namespaces.ts';

/** `new Function` puts two lines of its own before the body. */
const FUNCTION_PREAMBLE_LINES = 2;
const FRAME = new RegExp(`${MODULE_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`, 'g');

export type StackMapper = (stack: string) => string;

export function createStackMapper(map: string | undefined): StackMapper {
  let trace: TraceMap | undefined;
  const mapFrame = (line: string): string =>
    line.replace(FRAME, (whole, l: string, c: string) => {
      if (!map) return whole;
      trace ??= new TraceMap(map);
      const pos = originalPositionFor(trace, { line: Number(l) - FUNCTION_PREAMBLE_LINES, column: Number(c) - 1 });
      if (!pos.source || pos.line === null) return whole;
      return `${pos.source.replace(`${VFS}:`, '')}:${pos.line}:${(pos.column ?? 0) + 1}`;
    });
  return stack => {
    const lines = stack.split('\n');
    const firstFrame = lines.findIndex(l => /^\s+at /.test(l));
    if (firstFrame < 0) return stack;
    const frames = lines.slice(firstFrame).filter(l => l.includes(MODULE_FILE)).map(l => mapFrame(l).replace(/\(eval at [^)]*\), /, '('));
    return [...lines.slice(0, firstFrame), ...frames].join('\n');
  };
}
