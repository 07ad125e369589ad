import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResponsesStreamEvent } from '../protocol/responses/types.js';
import { accumulateCanonical } from './accumulate-canonical.js';
import { canonicalToChatChunks } from './canonical-to-chat-chunks.js';
import { canonicalToResponsesEvents } from './canonical-to-responses-events.js';
import { chatChunksToCanonical } from './chat-chunks-to-canonical.js';
import { chatChunksToResponsesEvents } from './chat-chunks-to-responses-events.js';
import { ChatStreamAccumulator } from './chat-stream-accumulator.js';
import { responsesEventsToChatChunks } from './responses-events-to-chat-chunks.js';
import { ResponsesStreamAccumulator } from './responses-stream-accumulator.js';
import {
  expectedChatCompletion,
  expectedResponseOutput,
  expectedResponsesUsage,
  interleavedChatChunks,
  type StreamScenario,
  scenarioEvents,
  streamScenario,
} from './stream-scenario.case.js';
import { collect, fromArray, responseSkeleton } from './test-kit.case.js';

const RUNS = { numRuns: 150 };
const header = { id: 'chatcmpl-prop', created: 1700000000, model: 'gpt-prop' };

/** What crosses the wire: JSON text, so no object identity or undefined survives. */
const overTheWire = <T>(values: T[]): T[] => values.map((value) => JSON.parse(JSON.stringify(value)) as T);

async function chatChunksOf(scenario: StreamScenario): Promise<object[]> {
  const options = { ...header, includeUsage: scenario.includeUsage };
  return overTheWire(await collect(canonicalToChatChunks(fromArray(scenarioEvents(scenario)), options)));
}

function accumulateChat(chunks: object[]) {
  const accumulator = new ChatStreamAccumulator();
  for (const chunk of chunks) accumulator.push(chunk);
  return accumulator.toCompletion();
}

function accumulateResponses(events: ResponsesStreamEvent[]) {
  expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
  const accumulator = new ResponsesStreamAccumulator();
  for (const event of events) accumulator.push(event);
  return accumulator.toResponse();
}

/** Item ids are generated: check their prefix, then compare the rest. */
function withoutIds(output: ReadonlyArray<Record<string, unknown>>): Record<string, unknown>[] {
  return output.map(({ id, ...rest }) => {
    expect(id).toMatch(rest['type'] === 'message' ? /^msg_/ : /^fc_/);
    return rest;
  });
}

describe('stream round trips (property tests)', () => {
  it('canonical → Chat chunks → ChatStreamAccumulator rebuilds the response', async () => {
    await fc.assert(
      fc.asyncProperty(streamScenario, async (scenario) => {
        expect(accumulateChat(await chatChunksOf(scenario))).toEqual(
          expectedChatCompletion(scenario, header),
        );
      }),
      RUNS,
    );
  });

  it('Chat chunks → chatChunksToResponsesEvents → ResponsesStreamAccumulator rebuilds the same response', async () => {
    await fc.assert(
      fc.asyncProperty(streamScenario, async (scenario) => {
        const chunks = await chatChunksOf(scenario);
        const events = overTheWire(
          await collect(chatChunksToResponsesEvents(fromArray(chunks), { response: responseSkeleton() })),
        );
        const response = accumulateResponses(events);
        expect(response.status).toBe('completed');
        expect(withoutIds(response.output as Record<string, unknown>[])).toEqual(
          expectedResponseOutput(scenario),
        );
        expect(response.usage).toEqual(scenario.includeUsage ? expectedResponsesUsage(scenario.usage) : null);
      }),
      RUNS,
    );
  });

  it('Responses events → responsesEventsToChatChunks → ChatStreamAccumulator rebuilds the same response', async () => {
    await fc.assert(
      fc.asyncProperty(streamScenario, async (scenario) => {
        const skeleton = { response: responseSkeleton() };
        const events = overTheWire(
          await collect(canonicalToResponsesEvents(fromArray(scenarioEvents(scenario)), skeleton)),
        );
        expect(withoutIds(accumulateResponses(events).output as Record<string, unknown>[])).toEqual(
          expectedResponseOutput(scenario),
        );
        const options = { ...header, includeUsage: scenario.includeUsage };
        const chunks = overTheWire(await collect(responsesEventsToChatChunks(fromArray(events), options)));
        // Responses usage always states cache writes (0 when unknown), so they reach the Chat usage too.
        const usage = scenario.usage && {
          ...scenario.usage,
          cacheWriteTokens: scenario.usage.cacheWriteTokens ?? 0,
        };
        expect(accumulateChat(chunks)).toEqual(expectedChatCompletion(scenario, header, usage));
      }),
      RUNS,
    );
  });

  it('chatChunksToCanonical + accumulateCanonical rebuild the response even from interleaved calls', async () => {
    await fc.assert(
      fc.asyncProperty(streamScenario, fc.array(fc.nat(), { maxLength: 30 }), async (scenario, schedule) => {
        const events = await collect(
          chatChunksToCanonical(fromArray(interleavedChatChunks(scenario, schedule))),
        );
        const response = await accumulateCanonical(fromArray(events));
        expect(response.output).toEqual([
          ...(scenario.textFragments === null
            ? []
            : [
                {
                  type: 'message',
                  role: 'assistant',
                  content: [{ type: 'text', text: scenario.textFragments.join('') }],
                  status: 'completed',
                },
              ]),
          ...scenario.calls.map((call) => ({
            type: 'function_call',
            callId: call.callId,
            name: call.name,
            arguments: call.fragments.join(''),
            status: 'completed',
          })),
        ]);
        // Canonical order: items never interleave.
        const starts = events.filter(
          (event) => event.type === 'tool-call-start' || event.type === 'tool-call-end',
        );
        expect(starts.map((event) => event.type)).toEqual(
          scenario.calls.flatMap(() => ['tool-call-start', 'tool-call-end']),
        );
      }),
      RUNS,
    );
  });
});
