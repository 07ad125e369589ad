import type { ConformanceCheck } from './corpus-schema.js';

/** A value as it reads in one line of the scorecard. */
export function show(value: unknown, max = 120): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function where(check: ConformanceCheck, fallback = 'the result'): string {
  const at = check.at === undefined || check.at === '' ? fallback : check.at;
  const filtered =
    check.where === undefined ? '' : ` (where ${check.where.map(describeCheck).join(' and ')})`;
  const picked = check.pick === undefined ? '' : `, each ${check.pick}`;
  return `${at}${filtered}${picked}${check.collapse === true ? ', repeats in a row once' : ''}`;
}

function describeCount(count: NonNullable<ConformanceCheck['count']>): string {
  if (typeof count === 'number') return `${count}`;
  if (count.min !== undefined && count.max !== undefined) return `${count.min}–${count.max}`;
  return count.min !== undefined ? `at least ${count.min}` : `at most ${count.max ?? 0}`;
}

function describeError(expected: NonNullable<ConformanceCheck['error']>): string {
  // The message is left out: when it is what failed, the evidence shows the expected text.
  const parts = (['status', 'type', 'param', 'code'] as const)
    .filter((key) => Object.hasOwn(expected, key))
    .map((key) => `${key} ${show(expected[key], 60)}`);
  return `an error${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** The one-line description of a check shown in the scorecard (its `why` when it has one). */
export function describeCheck(check: ConformanceCheck): string {
  if (check.why !== undefined) return check.why;
  const at = where(check);
  if (check.status !== undefined) return `HTTP status ${show(check.status)}`;
  if (Object.hasOwn(check, 'equals')) return `${at} equals ${show(check.equals)}`;
  if (check.equalsAt !== undefined) return `${at} equals the value at ${check.equalsAt}`;
  if (check.matches !== undefined) return `${at} matches /${check.matches}/`;
  if (check.startsWith !== undefined) return `${at} starts with ${show(check.startsWith)}`;
  if (check.type !== undefined) return `${at} is ${check.type === 'integer' ? 'an' : 'a'} ${check.type}`;
  if (check.oneOf !== undefined) return `${at} is one of ${show(check.oneOf)}`;
  if (check.exists !== undefined) return `${at} ${check.exists ? 'is present' : 'is absent'}`;
  if (check.count !== undefined) return `${at} selects ${describeCount(check.count)} value(s)`;
  if (check.distinct !== undefined) return `${at} values are all different`;
  if (check.same !== undefined) return `${at} values are all the same`;
  if (check.sequence !== undefined) return `${at} reads ${show(check.sequence)}`;
  if (check.countsFrom !== undefined)
    return `${at} counts ${check.countsFrom}, ${check.countsFrom + 1}, … without gaps`;
  if (check.keys !== undefined) return `${at} has exactly the keys ${show(check.keys)}`;
  if (check.hasKeys !== undefined) return `${at} has the keys ${show(check.hasKeys)}`;
  if (check.argumentsValid !== undefined) {
    const target = check.argumentsValid === true ? "its tool's" : `tool '${check.argumentsValid}''s`;
    return `every call at ${where(check, '/calls/*')} has arguments valid against ${target} schema`;
  }
  if (check.error !== undefined) return describeError(check.error);
  return `every value at ${at} passes ${check.every?.length ?? 0} check(s)`;
}
