import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool, responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';
import {
  adjusted,
  chatCalls,
  chatTurn,
  GEMINI_MODEL,
  geminiBodies,
  responsesTurn,
} from './gemini-harness.js';

// Gemini's errors and stop reasons in the OpenAI envelope, retries before the first byte, blocked
// prompts, usage (docs/protocol/gemini.md, "Errors", "Finish reasons", "Usage").
const tools = [chatWeatherTool()];

describe.each([false, true])('Gemini upstream, errors and usage (stream: %s)', (stream) => {
  const harness = useTestGateway({ upstreamApi: 'gemini', provider: { retries: 2 } });
  const chat = (content: string) =>
    chatTurn(harness.client, { model: GEMINI_MODEL, messages: [{ role: 'user', content }], tools }, stream);

  it('RESOURCE_EXHAUSTED: retried, then 429 with retry-after from RetryInfo (G-58)', async () => {
    const started = Date.now();
    const error = await expectOpenAIError(chat('Weather in Paris? #error=429'), {
      status: 429,
      message: /^RESOURCE_EXHAUSTED: You exceeded your current quota/,
      type: 'rate_limit_error',
      param: null,
      code: 'rate_limit_exceeded',
    });
    expect(error.headers?.get('retry-after')).toBe('1');
    expect(geminiBodies(harness)).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });

  it('MALFORMED_FUNCTION_CALL once is retried transparently (G-35)', async () => {
    const { completion } = await chat('Weather in Paris? #malformed-once');
    expect(chatCalls(completion)).toHaveLength(1);
    expect(geminiBodies(harness)).toHaveLength(2);
  });

  it('MALFORMED_FUNCTION_CALL every time → 502 malformed_function_call, never an empty stop (G-35)', async () => {
    await expectOpenAIError(chat('Weather in Paris? #malformed-call'), {
      status: 502,
      message: /Gemini could not produce a valid function call: finishReason MALFORMED_FUNCTION_CALL/,
      type: 'server_error',
      param: null,
      code: 'malformed_function_call',
    });
    expect(geminiBodies(harness)).toHaveLength(3);
  });

  it('a blocked prompt → content_filter with no content (G-34)', async () => {
    const { completion } = await chat('hello #blocked-prompt');
    expect(completion.choices[0]?.finish_reason).toBe('content_filter');
    expect(completion.choices[0]?.message.content).toBeNull();
    const { response } = await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: 'hello #blocked-prompt' },
      stream,
    );
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details?.reason).toBe('content_filter');
  });

  it('SAFETY → content_filter; MAX_TOKENS → length', async () => {
    const { completion } = await chat('hello there #safety');
    expect(completion.choices[0]?.finish_reason).toBe('content_filter');
    const { completion: cut } = await chatTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        messages: [{ role: 'user', content: 'hello there, a long question' }],
        max_completion_tokens: 2,
      },
      stream,
    );
    expect(cut.choices[0]?.finish_reason).toBe('length');
    expect(geminiBodies(harness).at(-1)?.['generationConfig']).toEqual({ maxOutputTokens: 2 });
  });

  it('usage: prompt with cached tokens, thoughts as reasoning tokens (G-33)', async () => {
    const body = (content: string): OpenAI.ChatCompletionCreateParamsNonStreaming => ({
      model: GEMINI_MODEL,
      messages: [{ role: 'user', content }],
      tools,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
    });
    await chatTurn(harness.client, body('Weather in Rome? usage'), stream);
    const { completion } = await chatTurn(harness.client, body('Weather in Rome? usage'), stream);
    const usage = completion.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(usage?.prompt_tokens_details?.cached_tokens).toBe(Math.floor((usage?.prompt_tokens ?? 0) / 2));
    expect(usage?.completion_tokens_details?.reasoning_tokens).toBe(8);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
    const { response } = await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: 'Weather in Rome? usage', tools: [responsesWeatherTool()] },
      stream,
    );
    expect(response.usage?.input_tokens_details.cached_tokens).toBeGreaterThan(0);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(8);
  });

  it('results Gemini cannot pair → 400 naming the fields, no upstream call; identical repeats are repaired', async () => {
    const call = {
      type: 'function_call' as const,
      call_id: 'call_x',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    };
    const input = (second: string): OpenAI.Responses.ResponseInputItem[] => [
      { role: 'user', content: 'Weather in Paris?' },
      call,
      { type: 'function_call_output', call_id: 'call_x', output: 'sunny' },
      { type: 'function_call_output', call_id: 'call_x', output: second },
    ];
    await expectOpenAIError(
      responsesTurn(
        harness.client,
        { model: GEMINI_MODEL, input: input('rainy'), tools: [responsesWeatherTool()] },
        stream,
      ),
      {
        status: 400,
        message: /call_x.*2 different tool results; Gemini needs exactly one result per call/,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_tool_history',
      },
    );
    expect(geminiBodies(harness)).toHaveLength(0);
    const { response, headers } = await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: input('sunny'), tools: [responsesWeatherTool()] },
      stream,
    );
    expect(response.output_text).toBe('Paris: sunny');
    expect(adjusted(headers)).toContain("dropped a repeated tool result for call 'call_x'");
  });

  it('G-09: a hosted tool type has no Gemini mapping → 400 on tools[0].type, nothing sent upstream', async () => {
    const pending = responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: 'hi', tools: [{ type: 'web_search' }] },
      stream,
    );
    const error = await pending.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('tools[0].type');
    expect(geminiBodies(harness)).toHaveLength(0);
  });

  it('an error inside the stream reaches the client as an error, never a clean end (G-52)', async () => {
    const pending = chat('Weather in Paris? #error-midstream');
    if (!stream) {
      await expectOpenAIError(pending, {
        status: 502,
        message: /INTERNAL/,
        type: 'server_error',
        param: null,
        code: 'upstream_error',
      });
      return;
    }
    // A call chunk came first, so the client got bytes: the error arrives in-band and the SDK raises.
    await expect(pending).rejects.toThrow(/INTERNAL/);
  });
});

describe('Gemini upstream, credentials', () => {
  const harness = useTestGateway({
    upstreamApi: 'gemini',
    upstream: { apiKey: 'the-right-key' },
    provider: { apiKey: 'a-wrong-key' },
  });

  it('API_KEY_INVALID (a 400 from Gemini) is the gateway credential error, 502 (G-57)', async () => {
    const error = await expectOpenAIError(
      harness.client.chat.completions.create({
        model: GEMINI_MODEL,
        messages: [{ role: 'user', content: 'hi' }],
      }),
      {
        status: 502,
        // The upstream's own words are never relayed for a credential failure (they can quote the key).
        message: /refused the gateway's credentials \(HTTP 401\)\. /,
        type: 'server_error',
        param: null,
        code: 'upstream_authentication_failed',
      },
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
  });
});
