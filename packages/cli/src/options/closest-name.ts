import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate a mistyped name was most likely meant to be, or undefined when none is close: one edit
 * for names of up to three letters, else two or a third of the letters, whichever is more (`--jsn` →
 * `--json`, `--prot` → `--port`, `serv` → `serve`), so a wild guess is not offered.
 * fastest-levenshtein does the distance; the threshold is ours.
 */
export function closestName(typed: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(typed, [...candidates]);
  const allowed = typed.length <= 3 ? 1 : Math.max(2, Math.floor(typed.length / 3));
  return distance(typed, best) <= allowed ? best : undefined;
}
