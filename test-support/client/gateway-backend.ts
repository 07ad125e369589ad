// The client's end-to-end tests run against the real gateway in front of the scripted upstream.
import { startTestGateway, type TestGateway } from '../gateway/start-test-gateway.js';
import type { Backend } from './backend.js';

/** A gateway + scripted upstream backend; `requests` are what the upstream received from the gateway. */
export interface GatewayBackend extends Backend {
  harness: TestGateway;
}

/** Starts the scripted upstream (speaking `upstreamApi`) and a gateway in front of it. */
export async function startGatewayBackend(upstreamApi: 'chat' | 'responses'): Promise<GatewayBackend> {
  const harness = await startTestGateway({
    upstreamApi,
    provider: { timeouts: { connectMs: 2_000, firstByteMs: 10_000, idleMs: 10_000 } },
  });
  return {
    harness,
    baseURL: harness.baseURL,
    requests: harness.upstream.requests as unknown as Backend['requests'],
    close: () => harness.close(),
  };
}
