import { compileArgumentValidator, getOwn, isJsonObject } from '@toolbridge/core';
import { findToolSchema, stringField } from './api-adapter.js';
import { checkError } from './check-error.js';
import type { CheckFailure } from './check-failure.js';
import type { ConformanceCheck } from './corpus-schema.js';
import { describeCheck } from './describe-check.js';
import { jsonEqual, jsonTypeOf } from './json-equal.js';
import { selectPointer } from './select-pointer.js';

export type { CheckFailure };

/** What checks are evaluated against. */
export interface CheckContext {
  /** The document pointers address: a step's result, or one element inside `every`. */
  root: unknown;
  /** The body the step sent, for `argumentsValid` to find the tool's schema. */
  requestBody: unknown;
}

type Outcome = CheckFailure | null;

function fail(check: ConformanceCheck, expected: unknown, actual: unknown): CheckFailure {
  return { check: describeCheck(check), expected, actual };
}

function argumentsProblem(call: unknown, tool: true | string, requestBody: unknown): string | null {
  const name = tool === true ? stringField(call, 'name') : tool;
  if (name === null) return 'the call has no name';
  const { found, schema } = findToolSchema(requestBody, name);
  if (!found) return `the request offered no tool named '${name}'`;
  if (!isJsonObject(schema)) return `tool '${name}' has no object schema to validate against`;
  const text = isJsonObject(call) ? getOwn(call, 'arguments') : undefined;
  try {
    const result = compileArgumentValidator(schema).validate(typeof text === 'string' ? text : '');
    return result.ok ? null : result.message;
  } catch (error) {
    return `tool '${name}''s schema could not be compiled: ${(error as Error).message}`;
  }
}

/** The test a value check applies to each selected value; null when the check is not one. */
function valuePredicate(check: ConformanceCheck): ((value: unknown) => boolean) | null {
  if (Object.hasOwn(check, 'equals')) return (value) => jsonEqual(value, check.equals);
  if (check.matches !== undefined) {
    const pattern = new RegExp(check.matches, 'u');
    return (value) => typeof value === 'string' && pattern.test(value);
  }
  if (check.startsWith !== undefined) {
    const prefix = check.startsWith;
    return (value) => typeof value === 'string' && value.startsWith(prefix);
  }
  if (check.type !== undefined) {
    const type = check.type;
    return (value) => jsonTypeOf(value) === type || (type === 'number' && jsonTypeOf(value) === 'integer');
  }
  if (check.oneOf !== undefined) {
    const options = check.oneOf;
    return (value) => options.some((option) => jsonEqual(value, option));
  }
  if (check.keys !== undefined) {
    const keys = [...check.keys].sort();
    return (value) => isJsonObject(value) && jsonEqual(Object.keys(value).sort(), keys);
  }
  if (check.hasKeys !== undefined) {
    const keys = check.hasKeys;
    return (value) => isJsonObject(value) && keys.every((key) => Object.hasOwn(value, key));
  }
  return null;
}

function expectedOf(check: ConformanceCheck): unknown {
  if (Object.hasOwn(check, 'equals')) return check.equals;
  return (
    check.matches ??
    check.startsWith ??
    check.type ??
    check.oneOf ??
    check.keys ??
    check.hasKeys ??
    check.argumentsValid
  );
}

function evaluateValues(check: ConformanceCheck, selected: unknown[], context: CheckContext): Outcome {
  if (selected.length === 0)
    return check.optional === true ? null : fail(check, expectedOf(check), undefined);
  if (check.argumentsValid !== undefined) {
    for (const call of selected) {
      const problem = argumentsProblem(call, check.argumentsValid, context.requestBody);
      if (problem !== null) return fail(check, 'valid arguments', { call, problem });
    }
    return null;
  }
  const predicate = valuePredicate(check);
  if (predicate === null) return null;
  const wrong = selected.findIndex((value) => !predicate(value));
  return wrong === -1 ? null : fail(check, expectedOf(check), selected[wrong]);
}

function countMatches(count: NonNullable<ConformanceCheck['count']>, n: number): boolean {
  if (typeof count === 'number') return n === count;
  return (count.min === undefined || n >= count.min) && (count.max === undefined || n <= count.max);
}

function collapsed(values: unknown[]): unknown[] {
  return values.filter((value, index) => index === 0 || !jsonEqual(value, values[index - 1]));
}

function evaluateSelection(check: ConformanceCheck, selected: unknown[]): Outcome | undefined {
  if (check.exists !== undefined)
    return selected.length > 0 === check.exists
      ? null
      : fail(check, check.exists ? 'a value' : 'nothing', selected[0]);
  if (check.count !== undefined)
    return countMatches(check.count, selected.length) ? null : fail(check, check.count, selected.length);
  if (check.distinct !== undefined) {
    const texts = selected.map((value) => JSON.stringify(value));
    return new Set(texts).size === texts.length ? null : fail(check, 'all different', selected);
  }
  if (check.same !== undefined)
    return selected.every((value) => jsonEqual(value, selected[0]))
      ? null
      : fail(check, 'all the same', selected);
  if (check.sequence !== undefined)
    return jsonEqual(selected, check.sequence) ? null : fail(check, check.sequence, selected);
  if (check.countsFrom !== undefined) {
    const start = check.countsFrom;
    const gap = selected.findIndex((value, index) => value !== start + index);
    return gap === -1 ? null : fail(check, start + gap, selected[gap]);
  }
  return undefined;
}

function evaluateEvery(check: ConformanceCheck, selected: unknown[], context: CheckContext): Outcome {
  for (const [index, element] of selected.entries()) {
    const inner = { ...context, root: element };
    for (const nested of check.every ?? []) {
      const failure = evaluateCheck(nested, inner);
      if (failure !== null)
        return { ...failure, check: `${check.at ?? ''}[${index}]: ${failure.check}`, actual: failure.actual };
    }
  }
  return null;
}

/** The values a check looks at: `at` (calls by default for `argumentsValid`), then `where`, `pick`, `collapse`. */
function select(check: ConformanceCheck, context: CheckContext): unknown[] {
  const at = check.at ?? (check.argumentsValid !== undefined ? '/calls/*' : '');
  let selected = selectPointer(context.root, at);
  const conditions = check.where;
  if (conditions !== undefined) {
    selected = selected.filter((element) =>
      conditions.every((condition) => evaluateCheck(condition, { ...context, root: element }) === null),
    );
  }
  const pick = check.pick;
  if (pick !== undefined) selected = selected.flatMap((element) => selectPointer(element, pick));
  return check.collapse === true ? collapsed(selected) : selected;
}

/**
 * Evaluates one check (docs/conformance.md#checks) against a step's result: null when it holds,
 * else what was expected and what came back, for the scorecard's evidence.
 */
export function evaluateCheck(check: ConformanceCheck, context: CheckContext): CheckFailure | null {
  if (check.status !== undefined) {
    const [status] = selectPointer(context.root, check.at ?? '/status');
    const wanted = Array.isArray(check.status) ? check.status : [check.status];
    return wanted.includes(status as number) ? null : fail(check, check.status, status);
  }
  if (check.error !== undefined) return checkError(check, context.root, describeCheck(check));
  const selected = select(check, context);
  if (check.every !== undefined) return evaluateEvery(check, selected, context);
  if (check.equalsAt !== undefined) {
    const [expected] = selectPointer(context.root, check.equalsAt);
    if (expected === undefined) return fail(check, `a value at ${check.equalsAt}`, undefined);
    return evaluateValues({ ...check, equals: expected }, selected, context);
  }
  const bySelection = evaluateSelection(check, selected);
  if (bySelection !== undefined) return bySelection;
  return evaluateValues(check, selected, context);
}
