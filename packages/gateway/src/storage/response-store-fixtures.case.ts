/**
 * Records for the ResponseStore conformance suite: realistic Response objects
 * (docs/protocol/responses.md#response-object) and input items in resource form
 * (docs/protocol/responses.md#list-input-items).
 */
import { expect } from 'vitest';
import type { ResponseObject, ResponsesInputItem, StoredResponse } from './response-store.js';
import { StoreError, type StoreErrorCode } from './store-error.js';

/** The project the conformance suite stores its records in (docs/configuration.md#projects-keys-and-limits). */
export const PROJECT = 'proj_conformance';

/** A completed Response ending in one function call, with every field real traffic carries. */
export function makeResponse(
  id: string,
  previousResponseId: string | null,
  createdAt: number,
): ResponseObject {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    completed_at: createdAt + 1,
    presence_penalty: 0,
    frequency_penalty: 0,
    status: 'completed',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: 'You are a helpful assistant that reports weather updates.',
    max_output_tokens: null,
    max_tool_calls: null,
    model: 'gpt-5-2025-08-07',
    output: [
      {
        id: `fc_${id}`,
        type: 'function_call',
        status: 'completed',
        arguments: '{ "location": "New York City, USA" }',
        call_id: `call_${id}`,
        name: 'get_weather',
      },
    ],
    parallel_tool_calls: true,
    previous_response_id: previousResponseId,
    prompt_cache_key: null,
    reasoning: { effort: 'medium', summary: null },
    safety_identifier: null,
    service_tier: 'default',
    store: true,
    temperature: 1.0,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [
      {
        type: 'function',
        name: 'get_weather',
        description: 'Get current temperature for a given location.',
        parameters: {
          type: 'object',
          properties: { location: { type: 'string' } },
          required: ['location'],
          additionalProperties: false,
        },
        strict: false,
      },
    ],
    top_logprobs: 0,
    top_p: 1.0,
    truncation: 'disabled',
    usage: {
      input_tokens: 75,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 155,
      output_tokens_details: { reasoning_tokens: 128 },
      total_tokens: 230,
    },
    user: null,
    metadata: { zeta: 'last key first', alpha: 'a', '10': 'numeric-like key' },
  };
}

/** Input items of one turn: a user message, an echoed call, and its output (all with ids). */
export function makeInputItems(id: string, count = 3): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [
    {
      type: 'message',
      id: `msg_${id}_in`,
      role: 'user',
      content: [{ type: 'input_text', text: 'Weather?' }],
    },
    {
      type: 'function_call',
      id: `fc_${id}_in`,
      call_id: `call_${id}_in`,
      name: 'get_weather',
      arguments: '{"location":"Paris"}',
      status: 'completed',
    },
    {
      type: 'function_call_output',
      id: `fco_${id}_in`,
      call_id: `call_${id}_in`,
      output: '18C sunny',
      status: 'completed',
    },
  ];
  for (let index = items.length; index < count; index += 1) {
    items.push({ type: 'message', id: `msg_${id}_${index}`, role: 'user', content: `message ${index}` });
  }
  return items.slice(0, count);
}

/** A full record; `overrides` replace top-level fields (the Response follows id/parent/time). */
export function makeRecord(
  id: string,
  overrides: {
    previousResponseId?: string | null;
    createdAt?: number;
    inputItems?: ResponsesInputItem[];
  } = {},
): StoredResponse {
  const { previousResponseId = null, createdAt = 1_759_064_126, inputItems = makeInputItems(id) } = overrides;
  return {
    id,
    createdAt,
    previousResponseId,
    inputItems,
    response: makeResponse(id, previousResponseId, createdAt),
  };
}

/** Saves `length` records linked root-first; returns their ids (ids[0] is the root). */
export async function saveChain(
  store: { save(projectId: string, record: StoredResponse): Promise<void> },
  prefix: string,
  length: number,
): Promise<string[]> {
  const ids = Array.from({ length }, (_, index) => `resp_${prefix}_${index}`);
  // No foreign keys: links may be saved in any order, so save them all at once.
  await Promise.all(
    ids.map((id, index) =>
      store.save(PROJECT, makeRecord(id, { previousResponseId: index === 0 ? null : ids[index - 1]! })),
    ),
  );
  return ids;
}

/** Awaits a rejection and checks it is a StoreError with `code`; returns it for further checks. */
export async function expectStoreError(promise: Promise<unknown>, code: StoreErrorCode): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(StoreError.isInstance(error), `expected a StoreError '${code}', got ${String(error)}`).toBe(true);
  const storeError = error as StoreError;
  expect(storeError.code).toBe(code);
  return storeError;
}
