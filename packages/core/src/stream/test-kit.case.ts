/**
 * Test helpers of the stream layer (a `.case.ts` file so the build leaves it out): fixture bytes,
 * chunked byte sources, collecting async iterables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { ResponseObject } from '../protocol/responses/types.js';
import { decodeChatChunks } from './decode-chat-chunks.js';
import { decodeResponsesEvents } from './decode-responses-events.js';
import { decodeSse } from './decode-sse.js';

/** The raw bytes of a transcript under `__fixtures__/`. */
export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));
}

/** The names of the transcripts under `__fixtures__/` that start with `prefix` (`chat-`, `responses-`…). */
export function fixtureNames(prefix: string): string[] {
  return readdirSync(new URL('./__fixtures__/', import.meta.url))
    .filter((name) => name.startsWith(prefix) && name.endsWith('.sse'))
    .sort();
}

/** Yields bytes in pieces of `size`, so decoders see events and characters split across reads. */
export async function* chunked(bytes: Uint8Array, size = 7): AsyncIterable<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

/** An async iterable over fixed values. */
export async function* fromArray<T>(values: readonly T[]): AsyncIterable<T> {
  yield* values;
}

/** Drains an async iterable into an array. */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of source) out.push(value);
  return out;
}

/** The parsed chunks of a Chat fixture, read through the real SSE decoder in 7-byte pieces. */
export function chatFixture(name: string): AsyncIterable<unknown> {
  return decodeChatChunks(decodeSse(chunked(fixtureBytes(name))));
}

/** The parsed events of a Responses fixture, read through the real SSE decoder in 7-byte pieces. */
export function responsesFixture(name: string): AsyncIterable<unknown> {
  return decodeResponsesEvents(decodeSse(chunked(fixtureBytes(name))));
}

/** Joins SSE frames into a byte stream the way an HTTP body delivers them. */
export function sseBody(frames: readonly string[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(frames.join(''));
  return new ReadableStream({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += 64)
        controller.enqueue(bytes.subarray(offset, offset + 64));
      controller.close();
    },
  });
}

/** A Response skeleton as the gateway would pass it: in progress, no output, no usage. */
export function responseSkeleton(overrides: Partial<ResponseObject> = {}): ResponseObject {
  return {
    id: 'resp_test',
    object: 'response',
    created_at: 1700000000,
    completed_at: null,
    presence_penalty: 0,
    frequency_penalty: 0,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    max_tool_calls: null,
    model: 'gpt-test',
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: null,
    reasoning: null,
    safety_identifier: null,
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: {},
    ...overrides,
  };
}
