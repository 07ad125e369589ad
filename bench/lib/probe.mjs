// One client connection to one target that sends a scenario's request and times it: total latency,
// time to first body byte, time to the first non-empty arguments delta, and a correctness verdict.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { readerFor } from './verify-tool-call.mjs';

const REQUEST_TIMEOUT_MS = 10_000;

async function timedRequest(pool, { path, headers, body }, kind, expected) {
  const reader = readerFor(kind, expected);
  const started = performance.now();
  const response = await pool.request({
    path,
    method: 'POST',
    headers,
    body,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  });
  const headersAt = performance.now();
  if (response.statusCode !== 200) {
    const text = await response.body.text();
    return {
      totalMs: performance.now() - started,
      problem: `HTTP ${response.statusCode}: ${text.slice(0, 300)}`,
    };
  }
  for await (const chunk of response.body) reader.feed(chunk, performance.now());
  const ended = performance.now();
  const verdict = reader.finish();
  return {
    totalMs: ended - started,
    headersMs: headersAt - started,
    firstByteMs: reader.firstByteAt === null ? null : reader.firstByteAt - started,
    firstArgsMs: reader.firstArgsAt === null ? null : reader.firstArgsAt - started,
    problem: verdict.problem,
    responseId: verdict.responseId,
  };
}

/**
 * A probe for `route` on `port` over one keep-alive connection. For the Responses scenario a call is
 * the pair turn 1 + follow-up; `turn2` then carries the follow-up's figures.
 */
export function createProbe({ port, route }) {
  const pool = new Pool(`http://127.0.0.1:${route.port ?? port}`, { connections: 1, pipelining: 1 });
  return {
    async call() {
      try {
        if (route.turn1 === undefined) return await timedRequest(pool, route, route.kind, route.expected);
        const first = await timedRequest(pool, route.turn1, route.kind, route.expected);
        if (first.problem) return first;
        const second = await timedRequest(pool, route.turn2(first.responseId), route.kind, route.expected);
        return { ...first, problem: second.problem && `follow-up: ${second.problem}`, turn2: second };
      } catch (error) {
        return { totalMs: null, problem: `request failed: ${error.message}` };
      }
    },
    close: () => pool.close(),
  };
}
