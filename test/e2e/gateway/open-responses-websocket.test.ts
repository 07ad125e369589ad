import OpenAI from 'openai';
import type { ResponsesServerEvent } from 'openai/resources/responses/responses';
import { ResponsesWS } from 'openai/resources/responses/ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { responseShapeProblems } from '../../../test-support/gateway/open-responses-shape.js';
import { startTestGateway, useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';
import { WebSocketClient } from '../../../test-support/gateway/websocket-turns.js';

// WebSocket mode of /v1/responses (docs/open-responses.md#websocket-mode): response.create messages on one
// socket, the SSE stream's events, one response at a time, connection-local continuation and its eviction
// rule, the error envelope, authentication and clean close.

const types = (events: ReadonlyArray<Record<string, unknown>>) => events.map((event) => event['type']);

describe.each(['chat', 'responses'] as const)('WebSocket mode over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });
  const open: WebSocketClient[] = [];
  const connect = async () => {
    const client = await WebSocketClient.open(harness.baseURL);
    open.push(client);
    return client;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });

  it('answers response.create with the same events as SSE, numbered from 0, with complete Responses', async () => {
    const body = { model: 'gpt-5.4', input: 'Weather in Paris?', tools: [responsesWeatherTool()] };
    const turn = await (await connect()).run(body);
    expect(turn.final?.['status']).toBe('completed');
    expect(turn.events.map((event) => event['sequence_number'])).toEqual(
      turn.events.map((_event, index) => index),
    );
    for (const event of turn.events)
      if ('response' in event) expect(responseShapeProblems(event['response'])).toEqual([]);
    const sse: string[] = [];
    const stream = await harness.client.responses.create({ ...body, stream: true });
    for await (const event of stream) sse.push(event.type);
    expect(types(turn.events)).toEqual(sse);
  });

  it('runs several responses one after another on one connection, even when sent at once', async () => {
    const client = await connect();
    client.send({
      type: 'response.create',
      model: 'gpt-5.4',
      store: false,
      input: 'Reply with exactly: first',
    });
    client.send({
      type: 'response.create',
      model: 'gpt-5.4',
      store: false,
      input: 'Reply with exactly: second',
    });
    const first = await client.nextTurn();
    const second = await client.nextTurn();
    for (const turn of [first, second]) {
      expect(turn.final?.['status']).toBe('completed');
      expect(turn.events[0]).toMatchObject({ type: 'response.created', sequence_number: 0 });
    }
    expect(first.final?.['id']).not.toBe(second.final?.['id']);
  });

  it('continues a store:false response on the same socket with only the new input', async () => {
    const client = await connect();
    const first = await client.run({
      model: 'gpt-5.4',
      store: false,
      input: 'Remember the code word: cobalt.',
    });
    harness.mark();
    const second = await client.run({
      model: 'gpt-5.4',
      store: false,
      previous_response_id: first.final?.['id'],
      input: 'What is the code word?',
    });
    expect(second.final).toMatchObject({ status: 'completed', previous_response_id: first.final?.['id'] });
    expect(JSON.stringify(harness.requestsSinceMark()[0]?.body)).toContain('Remember the code word: cobalt.');
  });

  it('a store:false response cannot be continued from another connection: previous_response_not_found', async () => {
    const first = await (await connect()).run({ model: 'gpt-5.4', store: false, input: 'Remember: copper.' });
    const other = await connect();
    const reconnect = await other.run({
      model: 'gpt-5.4',
      store: false,
      previous_response_id: first.final?.['id'],
      input: 'Go on.',
    });
    expect(reconnect.error).toMatchObject({
      type: 'error',
      status: 400,
      error: { code: 'previous_response_not_found', param: 'previous_response_id' },
    });
    const recovery = await other.run({
      model: 'gpt-5.4',
      store: false,
      input: 'Start again: reply recovered.',
    });
    expect(recovery.final?.['status']).toBe('completed');
  });

  it('an unknown previous_response_id is previous_response_not_found', async () => {
    const turn = await (await connect()).run({
      model: 'gpt-5.4',
      store: false,
      previous_response_id: 'resp_missing_0001',
      input: 'Hello?',
    });
    expect(turn.error?.error.code).toBe('previous_response_not_found');
  });

  it('a failed continuation evicts the previous response from the connection', async () => {
    const client = await connect();
    const first = await client.run({ model: 'gpt-5.4', store: false, input: 'Remember: ember.' });
    const previous = first.final?.['id'];
    const failed = await client.run({
      model: 'gpt-5.4',
      store: false,
      previous_response_id: previous,
      input: [{ type: 'function_call_output', call_id: 'call_nothing', output: 'no such call' }],
    });
    expect(failed.error?.status).toBe(400);
    const retry = await client.run({
      model: 'gpt-5.4',
      store: false,
      previous_response_id: previous,
      input: 'Again.',
    });
    expect(retry.error?.error.code).toBe('previous_response_not_found');
  });

  it('continues a stored response from a new connection (the store backs store:true)', async () => {
    const first = await (await connect()).run({ model: 'gpt-5.4', input: 'Remember: slate.' });
    const next = await (await connect()).run({
      model: 'gpt-5.4',
      previous_response_id: first.final?.['id'],
      input: 'Go on.',
    });
    expect(next.final?.['status']).toBe('completed');
    const stored = await harness.client.responses.retrieve(String(next.final?.['id']));
    expect(stored.previous_response_id).toBe(first.final?.['id']);
  });

  it('refuses what a socket cannot do and malformed messages with the error envelope, and keeps serving', async () => {
    const client = await connect();
    const unstreamed = await client.run({ model: 'gpt-5.4', input: 'hi', stream: false });
    expect(unstreamed.error).toMatchObject({
      status: 400,
      error: { param: 'stream', code: 'invalid_request' },
    });
    const background = await client.run({ model: 'gpt-5.4', input: 'hi', background: true });
    expect(background.error).toMatchObject({ status: 400, error: { param: 'background' } });
    const conversation = await client.run({ model: 'gpt-5.4', input: 'hi', conversation: 'conv_1' });
    expect(conversation.error).toMatchObject({
      status: 400,
      error: { param: 'conversation', code: 'unsupported_parameter' },
    });
    // `stream: true` only says what the socket does anyway (OpenAI's Agents SDK sends it on every turn).
    const streamed = await client.run({ model: 'gpt-5.4', input: 'hi', stream: true, stream_options: {} });
    expect(streamed.final?.['status']).toBe('completed');
    client.send('not json');
    expect((await client.nextTurn()).error?.status).toBe(400);
    client.send({ type: 'session.update' });
    expect((await client.nextTurn()).error?.error.param).toBe('type');
    const missingModel = await client.run({ input: 'hi' });
    expect(missingModel.error).toMatchObject({
      status: 400,
      error: { message: 'you must provide a model parameter' },
    });
    expect((await client.run({ model: 'gpt-5.4', input: 'still here?' })).final?.['status']).toBe(
      'completed',
    );
  });

  it('a client that reads slowly still gets every event, in order', async () => {
    const client = await connect();
    client.socket.pause();
    client.send({
      type: 'response.create',
      model: 'gpt-5.4',
      input: 'Tell me a long story. #text #fragments=200',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.socket.resume();
    const turn = await client.nextTurn();
    expect(turn.final?.['status']).toBe('completed');
    expect(turn.events.map((event) => event['sequence_number'])).toEqual(
      turn.events.map((_event, index) => index),
    );
  });

  it('closing the socket mid-response aborts the upstream turn', async () => {
    const client = await connect();
    client.send({
      type: 'response.create',
      model: 'gpt-5.4',
      input: 'Long answer. #text #fragments=60 #delay=100',
    });
    await new Promise<void>((resolve) => client.socket.once('message', () => resolve()));
    expect(harness.gateway.gateway.inFlight).toBe(1);
    await client.close();
    const deadline = Date.now() + 3_000;
    while (harness.gateway.gateway.inFlight > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(harness.gateway.gateway.inFlight).toBe(0);
  });

  it("works with the official SDK's WebSocket client", async () => {
    const client = new OpenAI({ baseURL: harness.baseURL, apiKey: 'sk-test' });
    const socket = new ResponsesWS(client);
    const events: ResponsesServerEvent[] = [];
    const done = new Promise<ResponsesServerEvent>((resolve) => {
      socket.on('event', (event) => {
        events.push(event);
        if (event.type === 'response.completed') resolve(event);
      });
    });
    socket.send({ type: 'response.create', model: 'gpt-5.4', input: 'Say hello.' });
    const completed = await done;
    socket.close();
    expect(completed.type === 'response.completed' ? completed.response.output_text : '').not.toBe('');
    expect(events[0]?.type).toBe('response.created');
  });
});

describe('WebSocket upgrades', () => {
  it('need the same API key as HTTP, and only /v1/responses accepts them', async () => {
    const gateway = await startTestGateway({ upstreamApi: 'chat', config: { apiKeys: ['sk-right'] } });
    try {
      await expect(WebSocketClient.open(gateway.baseURL)).rejects.toThrow('upgrade refused: 401');
      await expect(
        WebSocketClient.open(gateway.baseURL, { authorization: 'Bearer sk-wrong' }),
      ).rejects.toThrow('401');
      const wrongPath = new WebSocket(`${gateway.baseURL.replace('http', 'ws')}/chat/completions`, {
        headers: { authorization: 'Bearer sk-right' },
      });
      const status = await new Promise<number>((resolve) =>
        wrongPath.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
      );
      expect(status).toBe(404);
      const client = await WebSocketClient.open(gateway.baseURL, { authorization: 'Bearer sk-right' });
      expect((await client.run({ model: 'gpt-5.4', input: 'hi' })).final?.['status']).toBe('completed');
      await client.close();
      // HTTP on the same path is unchanged.
      expect((await fetch(`${gateway.baseURL}/responses`)).status).toBe(405);
    } finally {
      await gateway.close();
    }
  });

  it('shutting the gateway down closes open connections', async () => {
    const gateway = await startTestGateway({ upstreamApi: 'chat' });
    const client = await WebSocketClient.open(gateway.baseURL);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    await gateway.close();
    expect(await closed).toBe(1001);
  });
});
