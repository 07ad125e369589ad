/**
 * Splits text into at most `pieces` consecutive fragments of near-equal length, cutting between code
 * points so no fragment holds half a surrogate pair. Empty text gives no fragments.
 */
export function splitFragments(text: string, pieces: number): string[] {
  const points = [...text];
  if (points.length === 0) return [];
  const count = Math.min(Math.max(1, Math.floor(pieces)), points.length);
  const fragments: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = Math.floor((index * points.length) / count);
    const end = Math.floor(((index + 1) * points.length) / count);
    fragments.push(points.slice(start, end).join(''));
  }
  return fragments;
}
