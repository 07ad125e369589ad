import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { WebSocketClient } from '../../../test-support/gateway/websocket-turns.js';

// WebSocket mode passes the same gates as HTTP (SECURITY.md): the key's project owns what the
// connection stores and is the only one it can continue from; a foreign Host is refused at the upgrade.
const KEYS = { a: 'sk-ws-team-a-0123456789', b: 'sk-ws-team-b-0123456789' };

describe('WebSocket turns belong to the project of the key that opened the connection', () => {
  let harness: TestGateway;
  const open: WebSocketClient[] = [];
  const connect = async (key: string) => {
    const client = await WebSocketClient.open(harness.baseURL, { authorization: `Bearer ${key}` });
    open.push(client);
    return client;
  };
  beforeAll(async () => {
    harness = await startTestGateway({ upstreamApi: 'chat', config: { apiKeys: [KEYS.a, KEYS.b] } });
  });
  afterAll(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
    await harness.close();
  });

  it("stores in the key's project: project B can neither read nor continue what A stored over WebSocket", async () => {
    const turn = await (await connect(KEYS.a)).run({ model: 'gpt-5.4', input: 'Remember: cobalt.' });
    const id = String(turn.final?.['id']);
    expect(turn.final?.['status']).toBe('completed');
    const asA = await fetch(`${harness.baseURL}/responses/${id}`, {
      headers: { authorization: `Bearer ${KEYS.a}` },
    });
    expect(asA.status).toBe(200);
    const asB = await fetch(`${harness.baseURL}/responses/${id}`, {
      headers: { authorization: `Bearer ${KEYS.b}` },
    });
    expect(asB.status).toBe(404);
    const continued = await (await connect(KEYS.b)).run({
      model: 'gpt-5.4',
      previous_response_id: id,
      input: 'What was it?',
    });
    expect(continued.final).toBeUndefined();
    expect(continued.error).toMatchObject({ status: 400, error: { code: 'previous_response_not_found' } });
  });

  it('refuses an upgrade without a key, or from a foreign Host, before any WebSocket exists', async () => {
    await expect(WebSocketClient.open(harness.baseURL)).rejects.toThrow('upgrade refused: 401');
    await expect(
      WebSocketClient.open(harness.baseURL, { authorization: `Bearer ${KEYS.a}`, host: 'evil.example' }),
    ).rejects.toThrow('upgrade refused: 403');
  });
});
