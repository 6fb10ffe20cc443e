/**
 * Rust's `Debug` for `std::time::Duration` (`1.5ms`, `12µs`, `2.000001s`),
 * which upstream's `console_timer_end` prints.
 */
export function formatRustDuration(ms: number): string {
  const nanos = Math.max(0, Math.round(ms * 1e6));
  const fmt = (value: number, divisor: number, unit: string): string => {
    const whole = Math.floor(value / divisor);
    const frac = value % divisor;
    if (frac === 0) return `${whole}${unit}`;
    const digits = String(divisor).length - 1;
    return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}${unit}`;
  };
  if (nanos >= 1e9) return fmt(nanos, 1e9, 's');
  if (nanos >= 1e6) return fmt(nanos, 1e6, 'ms');
  if (nanos >= 1e3) return fmt(nanos, 1e3, 'µs');
  return `${nanos}ns`;
}
