/**
 * A failed statement's message as the engine words it, with where it points
 * (the same place the editor underlines), for readers who do not see the
 * squiggle or hover it.
 */
import { locateSqlError } from './error-location.ts';

export function SqlErrorText({ label, sql, message }: { label: string; sql: string; message: string }) {
  const { start, end } = locateSqlError(sql, message);
  const before = sql.slice(0, start).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const token = sql.slice(start, end);
  const whole = token.trim() === sql.trim();
  return (
    <p className="error sql-console-error" role="alert" aria-label={label}>
      {message}
      {!whole && (
        <span className="where">
          {' '}· line {line}, column {column}: <code>{token.length > 40 ? `${token.slice(0, 39)}…` : token}</code>
        </span>
      )}
    </p>
  );
}
