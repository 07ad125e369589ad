import { getOwn, isJsonObject } from '@toolbridge/core';
import type { CheckFailure } from './check-failure.js';
import type { ConformanceCheck } from './corpus-schema.js';
import { jsonEqual } from './json-equal.js';
import { selectPointer } from './select-pointer.js';

type Expected = NonNullable<ConformanceCheck['error']>;

function messageProblem(expected: Expected, message: string): { wanted: string } | null {
  if (expected.message !== undefined && message !== expected.message) return { wanted: expected.message };
  if (expected.messageStartsWith !== undefined && !message.startsWith(expected.messageStartsWith))
    return { wanted: `${expected.messageStartsWith}…` };
  if (expected.messageMatches !== undefined && !new RegExp(expected.messageMatches, 'u').test(message))
    return { wanted: `/${expected.messageMatches}/` };
  return null;
}

/**
 * The `error` check (docs/conformance.md#checks): the answer is an error status (the given one, else
 * any 4xx, since a client's mistake is never a 5xx) with an OpenAI envelope `{"error": {…}}` whose
 * message is a string and whose `type`, `code`, `param` and message are as given.
 */
export function checkError(check: ConformanceCheck, root: unknown, description: string): CheckFailure | null {
  const expected = check.error ?? {};
  const [status] = selectPointer(root, '/status');
  const statusOk =
    expected.status !== undefined
      ? status === expected.status
      : typeof status === 'number' && status >= 400 && status < 500;
  if (!statusOk)
    return { check: `${description}: HTTP status`, expected: expected.status ?? '4xx', actual: status };
  const [error] = selectPointer(root, '/body/error');
  if (!isJsonObject(error) || typeof getOwn(error, 'message') !== 'string') {
    const [body] = selectPointer(root, '/body');
    return {
      check: `${description}: the body`,
      expected: '{"error": {"message": …}}',
      actual: body ?? selectPointer(root, '/text')[0],
    };
  }
  for (const key of ['type', 'code', 'param'] as const) {
    if (!Object.hasOwn(expected, key)) continue;
    const actual = Object.hasOwn(error, key) ? getOwn(error, key) : '(absent)';
    if (!jsonEqual(actual, expected[key]))
      return { check: `${description}: error.${key}`, expected: expected[key], actual };
  }
  const message = getOwn(error, 'message') as string;
  const problem = messageProblem(expected, message);
  return problem === null
    ? null
    : { check: `${description}: error.message`, expected: problem.wanted, actual: message };
}
