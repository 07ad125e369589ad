// Scenarios and how each target is asked for them. A route is {path, headers, body, kind, expected,
// spec}: what to send to that target's port for that scenario, which answer reader checks the reply
// (and which call id it expects), and how a generator in another process rebuilds the route.
import { FIXED_ANTHROPIC_TOOL_USE_ID, FIXED_TOOL_CALL } from '@toolbridge/scripted-upstream';
import {
  agentLoopBodies,
  chatJsonBody,
  chatSseBody,
  heavyChatBody,
  heavyResponsesBody,
  responsesPlainBody,
  responsesTurn1Body,
  responsesTurn2Body,
} from './scenario-bodies.mjs';

const ANY_ID = { ...FIXED_TOOL_CALL, callId: null };
const ANTHROPIC_CALL = { ...FIXED_TOOL_CALL, callId: FIXED_ANTHROPIC_TOOL_USE_ID };

/**
 * Scenario keys, what they measure, which upstream transcript serves them (and under which path of
 * that transcript's prefix the upstream answers), and the toolbridge model that routes to it.
 */
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
    closedLoop: false,
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
  S4t: {
    title: 'S4 as an agent loop: each request is the next turn (4→40 messages, 50 strict tools)',
    transcript: 'chat-json',
    kind: 'chat-json',
    model: 'bench-json',
    bodies: agentLoopBodies('bench-json'),
  },
  S1r: {
    sequential: false,
    title: 'S1 as a Responses request (not stored) to the Chat upstream: Responses→Chat translation',
    transcript: 'chat-json',
    kind: 'responses-json',
    model: 'bench-json',
    body: responsesPlainBody('bench-json', { stream: false }),
  },
  S2r: {
    sequential: false,
    title: 'S2 as a Responses request (not stored) to the Chat upstream: Responses→Chat stream translation',
    transcript: 'chat-sse',
    kind: 'responses-sse',
    model: 'bench-sse',
    body: responsesPlainBody('bench-sse', { stream: true }),
  },
  S4r: {
    sequential: false,
    title: 'S4 as a Responses request, streaming, not stored: 50 strict tools echoed in three events',
    transcript: 'chat-sse',
    kind: 'responses-sse',
    model: 'bench-sse',
    body: heavyResponsesBody('bench-sse'),
  },
  S1a: {
    sequential: false,
    title: 'S1 over an Anthropic Messages upstream (Chat→Anthropic→Chat)',
    transcript: 'anthropic-json',
    upstreamPath: '/v1/messages',
    kind: 'chat-json',
    expected: ANTHROPIC_CALL,
    model: 'bench-anthropic-json',
    body: chatJsonBody('bench-anthropic-json'),
  },
  S2a: {
    sequential: false,
    title: 'S2 over an Anthropic Messages upstream (40 input_json_delta fragments)',
    transcript: 'anthropic-sse',
    upstreamPath: '/v1/messages',
    kind: 'chat-sse',
    expected: ANTHROPIC_CALL,
    model: 'bench-anthropic-sse',
    body: chatSseBody('bench-anthropic-sse'),
  },
  S1g: {
    sequential: false,
    title: 'S1 over a Gemini generateContent upstream (Chat→Gemini→Chat)',
    transcript: 'gemini-json',
    upstreamPath: '/v1beta/models/bench-gemini-json:generateContent',
    kind: 'chat-json',
    expected: ANY_ID,
    model: 'bench-gemini-json',
    body: chatJsonBody('bench-gemini-json'),
  },
  S2g: {
    sequential: false,
    title: 'S2 over a Gemini streamGenerateContent upstream (the call arrives whole, as Gemini sends it)',
    transcript: 'gemini-sse',
    upstreamPath: '/v1beta/models/bench-gemini-sse:streamGenerateContent?alt=sse',
    kind: 'chat-sse',
    expected: ANY_ID,
    model: 'bench-gemini-sse',
    body: chatSseBody('bench-gemini-sse'),
  },
};

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The id of the Response in a Responses answer's text (turn 1's, for its follow-up); undefined if none. */
export function responseIdOf(text) {
  return /"id":"(resp_[^"]+)"/.exec(text)?.[1];
}

/** The S3 request pair, to `path` (toolbridge's /v1/responses, or the upstream's fixed Responses route). */
export function responsesTurns(model, path = '/v1/responses') {
  return {
    turn1: { path, headers: JSON_HEADERS, body: responsesTurn1Body(model) },
    turn2: (previousResponseId) => ({
      path,
      headers: JSON_HEADERS,
      body: responsesTurn2Body(model, previousResponseId),
    }),
  };
}

/** The route kind of a target: a toolbridge variant (metrics off, cluster) is asked as toolbridge is. */
const servedAs = (target) => target.serves ?? target.name;

/** The upstream's own route for a scenario: the calibration ("direct") and the byte relay forward to it. */
function upstreamPathOf(scenario) {
  return `/fixed/${scenario.transcript}${scenario.upstreamPath ?? '/v1/chat/completions'}`;
}

/**
 * How to reach scenario `key` through `target` ({name, serves?, headers?}: 'direct' | 'bare' | 'toolbridge' |
 * 'floor' | 'chat-floor' | 'portkey'); null when the target cannot serve it (Portkey, the byte relay
 * and the Chat floor have no translation; the S3 floor serves nothing else). `upstream` holds the
 * upstream's ports.
 */
export function routeFor(target, key, upstream) {
  const route = buildRoute(servedAs(target), key, upstream);
  if (route === null) return null;
  const spec = {
    scenario: key,
    target: servedAs(target),
    upstream: { port: upstream.port, pacedPort: upstream.pacedPort },
    ...(target.headers === undefined ? {} : { headers: target.headers }),
  };
  const built = { ...route, expected: route.expected ?? SCENARIOS[key].expected ?? FIXED_TOOL_CALL, spec };
  // A target's own headers (a variant that requires a key) go with every request to it.
  if (target.headers !== undefined) {
    if (built.turn1 !== undefined)
      throw new Error(`${target.name}: no target headers on request pairs (${key})`);
    built.headers = { ...built.headers, ...target.headers };
  }
  if (route.bodies !== undefined) {
    // A scenario of several bodies (S4t): each read of `body` is the next one, in order, round and round.
    let next = 0;
    Object.defineProperty(built, 'body', {
      enumerable: true,
      get: () => route.bodies[next++ % route.bodies.length],
    });
  }
  return built;
}

/** A scenario's request body: `body`, or the `bodies` sent one after another (see `routeFor`). */
function bodyOf(scenario) {
  return scenario.bodies === undefined ? { body: scenario.body } : { bodies: scenario.bodies };
}

function buildRoute(name, key, upstream) {
  const scenario = SCENARIOS[key];
  const upstreamPort = scenario.paced ? upstream.pacedPort : upstream.port;
  // Only toolbridge translates between wire formats (and the floor, for S3 only).
  const translated =
    scenario.responses || !scenario.transcript.startsWith('chat') || scenario.kind.startsWith('responses');
  if (name === 'direct') {
    // The generator against the upstream alone: how fast the load core serves this scenario's answers.
    if (scenario.responses)
      return {
        kind: 'responses-sse',
        port: upstreamPort,
        ...responsesTurns(scenario.model, '/fixed/responses-sse/v1/responses'),
      };
    return {
      kind: `bytes:${scenario.transcript}`,
      port: upstreamPort,
      path: upstreamPathOf(scenario),
      headers: JSON_HEADERS,
      ...bodyOf(scenario),
    };
  }
  // Only toolbridge and the S3 floor (S3's work written out by hand) translate; the floor does
  // nothing but S3, and both are asked for it the same way.
  if (scenario.responses)
    return name === 'toolbridge' || name === 'floor'
      ? { kind: scenario.kind, ...responsesTurns(scenario.model) }
      : null;
  if (name === 'floor') return null;
  if (translated && name !== 'toolbridge') return null;
  const fixedPath = `/fixed/${scenario.transcript}/v1`;
  switch (name) {
    // The Chat floor relays like the bare relay (same paths) and reads what it relays.
    case 'bare':
    case 'chat-floor':
      return {
        kind: scenario.kind,
        path: `${scenario.paced ? '/paced' : ''}${upstreamPathOf(scenario)}`,
        headers: JSON_HEADERS,
        ...bodyOf(scenario),
      };
    case 'toolbridge':
      return {
        kind: scenario.kind,
        path: scenario.kind.startsWith('responses') ? '/v1/responses' : '/v1/chat/completions',
        headers: JSON_HEADERS,
        ...bodyOf(scenario),
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
        ...bodyOf(scenario),
      };
    default:
      throw new Error(`unknown target ${name}`);
  }
}

/** toolbridge's config: one provider per transcript, routed by model name. */
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
      anthropicJson: { baseUrl: `${base}/fixed/anthropic-json/v1`, api: 'anthropic' },
      anthropicSse: { baseUrl: `${base}/fixed/anthropic-sse/v1`, api: 'anthropic' },
      geminiJson: { baseUrl: `${base}/fixed/gemini-json/v1beta`, api: 'gemini' },
      geminiSse: { baseUrl: `${base}/fixed/gemini-sse/v1beta`, api: 'gemini' },
    },
    routes: [
      { model: 'bench-json', provider: 'json' },
      { model: 'bench-sse', provider: 'sse' },
      { model: 'bench-sse-paced', provider: 'ssePaced' },
      { model: 'bench-anthropic-json', provider: 'anthropicJson' },
      { model: 'bench-anthropic-sse', provider: 'anthropicSse' },
      { model: 'bench-gemini-json', provider: 'geminiJson' },
      { model: 'bench-gemini-sse', provider: 'geminiSse' },
    ],
  };
}
