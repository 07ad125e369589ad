import OpenAI from 'openai';
import { expect } from 'vitest';

/** The OpenAI error envelope a test expects; `message` may be a pattern when we add a hint of our own. */
export interface ExpectedOpenAIError {
  status: number;
  message: string | RegExp;
  type: string;
  param: string | null;
  code: string | null;
}

/**
 * Awaits a call made with the official SDK that must fail, and checks the whole envelope
 * (docs/protocol/errors.md#envelope, conformance case 71): status, message, type, param and code. Returns the
 * SDK error for more checks.
 */
export async function expectOpenAIError(
  pending: Promise<unknown>,
  expected: ExpectedOpenAIError,
): Promise<InstanceType<typeof OpenAI.APIError>> {
  const outcome = await pending.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok)
    throw new Error(`expected an HTTP ${expected.status} error, got ${JSON.stringify(outcome.value)}`);
  const error = outcome.error;
  if (!(error instanceof OpenAI.APIError)) throw error;
  const body = error.error as Record<string, unknown> | undefined;
  expect(error.status).toBe(expected.status);
  expect(body).toBeDefined();
  expect(Object.keys(body ?? {}).sort()).toEqual(['code', 'message', 'param', 'type']);
  if (typeof expected.message === 'string') expect(body?.['message']).toBe(expected.message);
  else expect(body?.['message']).toMatch(expected.message);
  expect(body?.['type']).toBe(expected.type);
  expect(body?.['param']).toBe(expected.param);
  expect(body?.['code']).toBe(expected.code);
  expect(error.headers?.get('content-type')).toMatch(/^application\/json/);
  expect(error.headers?.get('x-request-id')).toBeTruthy();
  return error;
}

/** Escapes a literal for use inside a RegExp (exact OpenAI sentence followed by our hint). */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
