import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXED_ARGUMENT_FRAGMENTS,
  FIXED_PARALLEL_TOOL_CALLS,
  FIXED_TEXT_ANSWER,
  FIXED_TOOL_CALL,
  FIXED_TRANSCRIPT_NAMES,
  fixedTranscript,
} from './fixed-transcripts.js';
import type { ScriptedUpstream } from './scripted-upstream-options.js';
import { startScriptedUpstream } from './start-scripted-upstream.js';

let upstream: ScriptedUpstream;

beforeAll(async () => {
  upstream = await startScriptedUpstream({ fixed: { chat: 'chat-sse' }, record: false });
});
afterAll(() => upstream.close());

function clientFor(baseURL: string): OpenAI {
  return new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0 });
}

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'ignored' }] };

describe('fixed transcripts', () => {
  it('are byte-stable and the chat SSE one splits the call into 40 argument deltas', () => {
    for (const name of FIXED_TRANSCRIPT_NAMES)
      expect(fixedTranscript(name).body.equals(fixedTranscript(name).body)).toBe(true);
    const frames = fixedTranscript('chat-sse').body.toString('utf8').split('\n\n').filter(Boolean);
    const fragments = frames.filter((frame) => frame.includes('"arguments"') && !frame.includes('"name"'));
    expect(fragments).toHaveLength(FIXED_ARGUMENT_FRAGMENTS);
    expect(fixedTranscript('chat-json').body.length).toBeGreaterThan(500);
    expect(fixedTranscript('chat-json').body.length).toBeLessThan(1024);
  });

  it('chat-json parses to the expected call', async () => {
    const completion = await clientFor(upstream.fixedUrl('chat-json')).chat.completions.create(request);
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(
      call?.type === 'function'
        ? { name: call.function.name, arguments: call.function.arguments, callId: call.id }
        : null,
    ).toEqual(FIXED_TOOL_CALL);
  });

  it('chat-sse (the default for /v1 here) reassembles through the SDK stream helper', async () => {
    const stream = clientFor(upstream.url).chat.completions.stream({ ...request, stream: true });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(
      call?.type === 'function'
        ? { name: call.function.name, arguments: call.function.arguments, callId: call.id }
        : null,
    ).toEqual(FIXED_TOOL_CALL);
    expect(final.usage?.total_tokens).toBe(180);
  });

  it('chat-sse-parallel yields both expected calls in order', async () => {
    const stream = clientFor(upstream.fixedUrl('chat-sse-parallel')).chat.completions.stream({
      ...request,
      stream: true,
    });
    const final = await stream.finalChatCompletion();
    const got = (final.choices[0]?.message.tool_calls ?? []).map((call) =>
      call.type === 'function'
        ? { name: call.function.name, arguments: call.function.arguments, callId: call.id }
        : null,
    );
    expect(got).toEqual(FIXED_PARALLEL_TOOL_CALLS);
  });

  it('chat-text is a plain answer', async () => {
    const completion = await clientFor(upstream.fixedUrl('chat-text')).chat.completions.create(request);
    expect(completion.choices[0]?.message.content).toBe(FIXED_TEXT_ANSWER);
  });

  it('responses-sse and responses-json carry the expected call', async () => {
    const stream = clientFor(upstream.url).responses.stream({ model: 'm', input: 'ignored' });
    const final = await stream.finalResponse();
    const item = final.output[0];
    expect(
      item?.type === 'function_call'
        ? { name: item.name, arguments: item.arguments, callId: item.call_id }
        : null,
    ).toEqual(FIXED_TOOL_CALL);
    const json = await clientFor(upstream.fixedUrl('responses-json')).responses.create({
      model: 'm',
      input: 'ignored',
    });
    expect(json.output[0]).toMatchObject({
      type: 'function_call',
      call_id: FIXED_TOOL_CALL.callId,
      arguments: FIXED_TOOL_CALL.arguments,
    });
  });

  it('drains without parsing or recording, and rejects a transcript of the wrong endpoint', async () => {
    const response = await fetch(`${upstream.url}/chat/completions`, {
      method: 'POST',
      body: 'not json at all',
    });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(fixedTranscript('chat-sse').body)).toBe(true);
    expect(upstream.requests).toEqual([]);
    const wrong = await fetch(`${upstream.fixedUrl('chat-json')}/responses`, { method: 'POST', body: '{}' });
    expect(wrong.status).toBe(404);
  });

  it('paces chunks with chunkDelayMs', async () => {
    const paced = await startScriptedUpstream({ fixed: { chat: 'chat-sse', chunkDelayMs: 2 } });
    try {
      const started = Date.now();
      const response = await fetch(`${paced.url}/chat/completions`, { method: 'POST', body: '{}' });
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(fixedTranscript('chat-sse').body)).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(
        (fixedTranscript('chat-sse').chunks.length - 1) * 2,
      );
    } finally {
      await paced.close();
    }
  });
});
