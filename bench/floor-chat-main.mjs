// Child process: the Chat floor — the least work a Node gateway does for the Chat scenarios (S1, S2,
// S2p, S4, S4t) if it reads what it relays the way toolbridge promises to, written out by hand with
// the libraries toolbridge uses. Not a gateway: no validation beyond what is listed, no error
// envelopes, no tool policy, no metrics, no timeouts. What it does, once and as cheaply as plain
// code allows, on top of the bare relay (bare-proxy-main.mjs):
//
//   1. JSON-parse the request (a gateway cannot route, check tools or enforce anything unread);
//   2. check the history's pairing: every tool message answers a call of an earlier assistant turn;
//   3. forward the client's own bytes (no re-serialisation: cheaper than any translating gateway);
//   4. JSON-parse the answer: the whole body, or every SSE chunk while the bytes stream through
//      unchanged, gathering each call's argument fragments;
//   5. JSON-parse each call's arguments, and check them against the tool's schema when the tool is
//      strict (ajv, compiled once per tool name);
//   6. write one access-log line per request through pino (info level, buffered, to stdout, which the
//      harness sends to a file) — toolbridge keeps its access log on in every scenario.
//
// Its CPU per request over the bare relay's, in the same run, is what reading costs before any
// gateway logic: the goals table prints it beside toolbridge's (bench/README.md). It parses every
// body whole; a gateway that remembers what it parsed before (toolbridge's tool-set cache) can go
// below it when requests repeat most of their bytes, as S4 and S4t do. argv[2] =
// upstream origin, argv[3] = the paced upstream's origin (paths under /paced/, as the bare relay).
// Prints {"port":N} on stderr once listening (stdout is the log).
import { createServer } from 'node:http';
import Ajv from 'ajv';
import { pino } from 'pino';
import { Pool } from 'undici';

const [origin, pacedOrigin] = process.argv.slice(2);
const pool = new Pool(origin, { connections: 128, keepAliveTimeout: 30_000 });
const pacedPool = new Pool(pacedOrigin ?? origin, { connections: 128, keepAliveTimeout: 30_000 });
const PACED = '/paced/';
const REQUEST_SKIP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);
const RESPONSE_SKIP = new Set(['connection', 'keep-alive', 'transfer-encoding']);
const destination = pino.destination({ dest: 1, sync: false, minLength: 8192 });
const logger = pino({ level: 'info', base: null }, destination);
const ajv = new Ajv({ strict: false });
const validators = new Map();
let requestCounter = 0;

function forwardHeaders(raw, skip) {
  const headers = {};
  for (const [name, value] of Object.entries(raw)) if (!skip.has(name)) headers[name] = value;
  return headers;
}

/** Step 2: every tool message answers a call id of an earlier assistant message. */
function checkPairing(messages) {
  const calls = new Set();
  for (const message of messages) {
    if (message.role === 'assistant') for (const call of message.tool_calls ?? []) calls.add(call.id);
    else if (message.role === 'tool' && !calls.has(message.tool_call_id))
      throw new Error(`tool message ${message.tool_call_id} answers no call`);
  }
}

/** Step 5: the arguments are JSON, and match the schema when the tool is strict. */
function checkArguments(tools, name, text) {
  const value = JSON.parse(text);
  const tool = tools.find((candidate) => candidate.function.name === name);
  if (tool === undefined) throw new Error(`call of an unknown tool ${name}`);
  if (tool.function.strict !== true) return;
  let validate = validators.get(name);
  if (validate === undefined) {
    validate = ajv.compile(tool.function.parameters);
    validators.set(name, validate);
  }
  if (!validate(value)) throw new Error(`arguments of ${name} do not match its schema`);
}

/** Step 4 for a stream: parse each chunk, gather the fragments; the bytes go out unchanged. */
function createChunkReader() {
  const calls = [];
  let pending = '';
  return {
    calls,
    push(text) {
      pending += text;
      for (let end = pending.indexOf('\n\n'); end !== -1; end = pending.indexOf('\n\n')) {
        const data = pending.slice(6, end);
        pending = pending.slice(end + 2);
        if (data === '[DONE]') continue;
        const chunk = JSON.parse(data);
        for (const delta of chunk.choices[0]?.delta?.tool_calls ?? []) {
          calls[delta.index] ??= { name: '', arguments: '' };
          if (delta.function?.name) calls[delta.index].name = delta.function.name;
          calls[delta.index].arguments += delta.function?.arguments ?? '';
        }
      }
    },
  };
}

const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, async (request, response) => {
  const started = performance.now();
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  try {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const body = JSON.parse(raw.toString('utf8'));
    checkPairing(body.messages);
    const paced = request.url.startsWith(PACED);
    const upstream = await (paced ? pacedPool : pool).request({
      path: paced ? request.url.slice(PACED.length - 1) : request.url,
      method: request.method,
      headers: forwardHeaders(request.headers, REQUEST_SKIP),
      body: raw,
      signal: controller.signal,
    });
    response.writeHead(upstream.statusCode, forwardHeaders(upstream.headers, RESPONSE_SKIP));
    let calls;
    if (body.stream === true) {
      const reader = createChunkReader();
      upstream.body.setEncoding('utf8');
      for await (const text of upstream.body) {
        reader.push(text);
        response.write(text);
      }
      calls = reader.calls.map(({ name, arguments: text }) => ({ name, text }));
    } else {
      const text = await upstream.body.text();
      const completion = JSON.parse(text);
      calls = (completion.choices[0]?.message?.tool_calls ?? []).map((call) => ({
        name: call.function.name,
        text: call.function.arguments,
      }));
      response.write(text);
    }
    for (const call of calls) checkArguments(body.tools ?? [], call.name, call.text);
    response.end();
    logger.info({
      requestId: `req_${(requestCounter++).toString(36)}`,
      method: request.method,
      route: 'chat.completions',
      status: response.statusCode,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      model: body.model,
    });
  } catch (error) {
    if (!response.headersSent) {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: { message: String(error?.message ?? error), type: 'bad_gateway' } }),
      );
    } else response.destroy();
  }
});
server.listen(0, '127.0.0.1', () => {
  process.stderr.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  destination.flushSync();
  Promise.all([pool.close(), pacedPool.close()]).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
