import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate a mistyped name was most likely meant to be, or undefined when none is close: at most
 * a third of the name's letters differ (`--jsn` → `--json`, `serv` → `serve`), so a wild guess is not
 * offered. fastest-levenshtein does the distance; the threshold is ours.
 */
export function closestName(typed: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(typed, [...candidates]);
  const allowed = Math.max(1, Math.floor(Math.max(typed.length, best.length) / 3));
  return distance(typed, best) <= allowed ? best : undefined;
}
