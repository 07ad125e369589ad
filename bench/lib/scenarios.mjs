// Scenarios and how each target is asked for them. A route is {path, headers, body, kind}: what to
// send to that target's port for that scenario, and which answer reader checks the reply.
import {
  chatJsonBody,
  chatSseBody,
  heavyChatBody,
  responsesTurn1Body,
  responsesTurn2Body,
} from './scenario-bodies.mjs';

/** Scenario keys, what they measure, and which upstream transcript serves them. */
export const SCENARIOS = {
  S1: {
    title: 'Chat→Chat non-streaming tool call (pure relay)',
    transcript: 'chat-json',
    kind: 'chat-json',
    model: 'bench-json',
    body: chatJsonBody('bench-json'),
  },
  S2: {
    title: 'Chat→Chat streaming tool call, 40 argument fragments (upstream sends all at once)',
    transcript: 'chat-sse',
    kind: 'chat-sse',
    model: 'bench-sse',
    body: chatSseBody('bench-sse'),
  },
  S2p: {
    title: 'S2 with the upstream pacing SSE chunks 2 ms apart (latency only)',
    transcript: 'chat-sse',
    kind: 'chat-sse',
    model: 'bench-sse-paced',
    paced: true,
    body: chatSseBody('bench-sse-paced'),
  },
  S3: {
    title: 'Responses→Chat-upstream streaming, strict tool, + previous_response_id follow-up (SQLite store)',
    transcript: 'chat-sse',
    kind: 'responses-sse',
    model: 'bench-sse',
    responses: true,
  },
  S4: {
    title: 'Heavy Chat request: 50 strict tools + 40-message history with tool results (~33 KB)',
    transcript: 'chat-json',
    kind: 'chat-json',
    model: 'bench-json',
    body: heavyChatBody('bench-json'),
  },
};

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The id of the Response in a Responses answer's text (turn 1's, for its follow-up); undefined if none. */
export function responseIdOf(text) {
  return /"id":"(resp_[^"]+)"/.exec(text)?.[1];
}

/** The S3 request pair for toolbridge. */
export function responsesTurns(model) {
  return {
    turn1: { path: '/v1/responses', headers: JSON_HEADERS, body: responsesTurn1Body(model) },
    turn2: (previousResponseId) => ({
      path: '/v1/responses',
      headers: JSON_HEADERS,
      body: responsesTurn2Body(model, previousResponseId),
    }),
  };
}

/**
 * How to reach scenario `key` through `target` ('direct' | 'bare' | 'toolbridge' | 'floor' | 'portkey');
 * null when the target cannot serve it (Portkey and the byte relays have no Responses→Chat translation;
 * the S3 floor serves nothing else).
 */
export function routeFor(target, key, upstream) {
  const scenario = SCENARIOS[key];
  // Only toolbridge and the S3 floor (S3's work written out by hand) translate Responses→Chat, and
  // the floor does nothing else; both are asked the same way.
  const translates = target.name === 'toolbridge' || target.name === 'floor';
  if (scenario.responses)
    return translates ? { kind: scenario.kind, ...responsesTurns(scenario.model) } : null;
  if (target.name === 'floor') return null;
  const fixedPath = `/fixed/${scenario.transcript}/v1`;
  const upstreamPort = scenario.paced ? upstream.pacedPort : upstream.port;
  switch (target.name) {
    case 'direct':
      return {
        kind: scenario.kind,
        port: upstreamPort,
        path: `${fixedPath}/chat/completions`,
        headers: JSON_HEADERS,
        body: scenario.body,
      };
    case 'bare':
      return {
        kind: scenario.kind,
        path: `${scenario.paced ? '/paced' : ''}${fixedPath}/chat/completions`,
        headers: JSON_HEADERS,
        body: scenario.body,
      };
    case 'toolbridge':
      return {
        kind: scenario.kind,
        path: '/v1/chat/completions',
        headers: JSON_HEADERS,
        body: scenario.body,
      };
    case 'portkey':
      return {
        kind: scenario.kind,
        path: '/v1/chat/completions',
        headers: {
          ...JSON_HEADERS,
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': `http://127.0.0.1:${upstreamPort}${fixedPath}`,
          authorization: 'Bearer sk-mock',
        },
        body: scenario.body,
      };
    default:
      throw new Error(`unknown target ${target.name}`);
  }
}

/** toolbridge's config: one chat provider per transcript, routed by model name. */
export function toolbridgeConfig({ upstream, storePath, logLevel, metrics = true }) {
  const base = `http://127.0.0.1:${upstream.port}`;
  return {
    host: '127.0.0.1',
    port: 0,
    store: storePath,
    logLevel,
    // Prometheus metrics are on by default; --no-metrics measures the gateway without them.
    metrics,
    providers: {
      json: { baseUrl: `${base}/fixed/chat-json/v1`, api: 'chat' },
      sse: { baseUrl: `${base}/fixed/chat-sse/v1`, api: 'chat' },
      ssePaced: { baseUrl: `http://127.0.0.1:${upstream.pacedPort}/fixed/chat-sse/v1`, api: 'chat' },
    },
    routes: [
      { model: 'bench-json', provider: 'json' },
      { model: 'bench-sse', provider: 'sse' },
      { model: 'bench-sse-paced', provider: 'ssePaced' },
    ],
  };
}
