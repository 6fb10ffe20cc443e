/**
 * Command palette matching: every query character must appear in order in
 * the label (case-insensitive); matches at word starts and runs of
 * consecutive characters score higher, as in VS Code's quick open.
 */
export function matchScore(query: string, label: string): number {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const text = label.toLowerCase();
  let score = 0;
  let at = 0;
  let run = 0;
  for (const ch of q) {
    if (ch === ' ') continue;
    const i = text.indexOf(ch, at);
    if (i < 0) return -1;
    const wordStart = i === 0 || /[\s:/(_-]/.test(text[i - 1]!);
    run = i === at && at > 0 ? run + 1 : 0;
    score += 1 + (wordStart ? 3 : 0) + run * 2 - Math.min(i - at, 5) * 0.1;
    at = i + 1;
  }
  return score;
}

/** Items whose label matches, best first; ties keep their order. */
export function filterByQuery<T extends { label: string }>(items: T[], query: string): T[] {
  if (!query.trim()) return items;
  return items
    .map((item, i) => ({ item, i, score: matchScore(query, item.label) }))
    .filter(x => x.score >= 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(x => x.item);
}
