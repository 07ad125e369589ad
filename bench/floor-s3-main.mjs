// Child process: the S3 floor — the least work any Node gateway has to do for bench scenario S3,
// written out by hand for that one transcript, with the libraries toolbridge uses. Not a gateway:
// no request validation, no error envelopes, no tool policy, no access log, no timeouts, ids from a
// counter. What it does do is what S3 asks for, once and as cheaply as plain code allows:
//
//   1. read and JSON-parse the Responses request;
//   2. for a follow-up, read the previous response (and its chain) from SQLite and parse its JSON;
//   3. build the Chat request (system, user, assistant tool_calls, tool result) and send it with undici;
//   4. split the upstream SSE, JSON-parse every chunk, emit one Responses event per fragment;
//   5. check the final arguments against the strict schema (ajv, compiled once);
//   6. save the response and its item index rows (toolbridge's schema, WAL, group commit per
//      event-loop turn) before `response.completed`, as toolbridge does.
//
// Its S3 rate against the bare proxy's S1 rate, measured in the same run, is the ceiling of goal T4
// for a Node process on this machine. argv[2] = upstream origin, argv[3] = SQLite file.
// Prints {"port":N} on stdout once listening.
import { createServer } from 'node:http';
import Ajv from 'ajv';
import Database from 'better-sqlite3';
import { Pool } from 'undici';

const [origin, databasePath] = process.argv.slice(2);
const UPSTREAM_PATH = '/fixed/chat-sse/v1/chat/completions';
const pool = new Pool(origin, { connections: 128, keepAliveTimeout: 30_000 });

const database = new Database(databasePath);
database.pragma('journal_mode = WAL');
database.pragma('synchronous = NORMAL');
database.exec(`
  CREATE TABLE IF NOT EXISTS responses (
    id TEXT PRIMARY KEY NOT NULL, created_at INTEGER NOT NULL, previous_response_id TEXT,
    input_items TEXT NOT NULL, response TEXT NOT NULL) STRICT;
  CREATE INDEX IF NOT EXISTS responses_created_at ON responses (created_at);
  CREATE TABLE IF NOT EXISTS response_items (
    response_id TEXT NOT NULL, item_index INTEGER NOT NULL, item_id TEXT NOT NULL, output_item TEXT,
    PRIMARY KEY (response_id, item_index)) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS response_items_item_id ON response_items (item_id);`);
const insertResponse = database.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, ?)');
const insertItem = database.prepare('INSERT INTO response_items VALUES (?, ?, ?, ?)');
const selectResponse = database.prepare(
  'SELECT previous_response_id AS previousId, input_items AS inputItems, response FROM responses WHERE id = ?',
);
const commitRows = database.transaction((rows) => {
  for (const row of rows) {
    insertResponse.run(row.id, row.createdAt, row.previousId, row.inputItemsJson, row.responseJson);
    for (const [index, itemId, itemJson] of row.items) insertItem.run(row.id, index, itemId, itemJson);
  }
});

let queued = [];
/** Group commit: the saves of one event-loop turn share a transaction, as in toolbridge (ADR 0005). */
function save(row) {
  return new Promise((resolve) => {
    if (queued.length === 0) {
      setImmediate(() => {
        const batch = queued;
        queued = [];
        commitRows(batch.map((entry) => entry.row));
        for (const entry of batch) entry.resolve();
      });
    }
    queued.push({ row, resolve });
  });
}

const ajv = new Ajv({ strict: false });
const validators = new Map();
const ID_PREFIX = `${process.pid.toString(36)}${Date.now().toString(36)}`;
let idCounter = 0;
const newId = (kind) => `${kind}_${ID_PREFIX}${(idCounter++).toString(36).padStart(8, '0')}`;
const event = (body) => `event: ${body.type}\ndata: ${JSON.stringify(body)}\n\n`;

/** The Chat messages of a chain of stored responses, oldest first (walks previous ids). */
function priorMessages(previousId) {
  const chain = [];
  for (let id = previousId; id; ) {
    const row = selectResponse.get(id);
    chain.unshift(row);
    id = row.previousId;
  }
  const messages = [];
  for (const row of chain) {
    const response = JSON.parse(row.response);
    for (const item of JSON.parse(row.inputItems)) messages.push(toChatMessage(item));
    const calls = response.output.filter((item) => item.type === 'function_call');
    if (calls.length > 0) {
      messages.push({
        role: 'assistant',
        content: null,
        tool_calls: calls.map((call) => ({
          id: call.call_id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      });
    }
  }
  return messages;
}

function toChatMessage(item) {
  return item.type === 'function_call_output'
    ? { role: 'tool', tool_call_id: item.call_id, content: item.output }
    : { role: item.role, content: item.content.map((part) => part.text).join('') };
}

async function answer(request, response) {
  let text = '';
  for await (const chunk of request) text += chunk;
  const body = JSON.parse(text);
  const previousId = body.previous_response_id ?? null;
  // A previous response's instructions are not carried over (OpenAI's rule; toolbridge follows it).
  const messages = body.instructions ? [{ role: 'system', content: body.instructions }] : [];
  if (previousId) messages.push(...priorMessages(previousId));
  const input =
    typeof body.input === 'string'
      ? [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: body.input }] }]
      : body.input;
  const inputItems = input.map((item) => ({ id: newId(item.type === 'message' ? 'msg' : 'fco'), ...item }));
  for (const item of inputItems) messages.push(toChatMessage(item));
  const upstream = await pool.request({
    path: UPSTREAM_PATH,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: body.model,
      messages,
      tools: body.tools.map(({ type, ...fn }) => ({ type, function: fn })),
      stream: true,
      stream_options: { include_usage: true },
    }),
  });

  const id = newId('resp');
  const createdAt = Math.floor(Date.now() / 1000);
  const base = {
    id,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    model: body.model,
    output: [],
    parallel_tool_calls: true,
    previous_response_id: previousId,
    tool_choice: 'auto',
    tools: body.tools,
    usage: null,
  };
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let sequence = 0;
  let out =
    event({ type: 'response.created', sequence_number: sequence++, response: base }) +
    event({ type: 'response.in_progress', sequence_number: sequence++, response: base });
  const itemId = newId('fc');
  let call = null;
  let usage = null;
  let pending = '';
  for await (const chunk of upstream.body) {
    pending += chunk;
    for (let end = pending.indexOf('\n\n'); end !== -1; end = pending.indexOf('\n\n')) {
      const data = pending.slice(6, end);
      pending = pending.slice(end + 2);
      if (data === '[DONE]') continue;
      const parsed = JSON.parse(data);
      if (parsed.usage) usage = parsed.usage;
      const toolCall = parsed.choices[0]?.delta?.tool_calls?.[0];
      if (!toolCall) continue;
      if (toolCall.id) {
        call = { id: itemId, type: 'function_call', status: 'in_progress', arguments: '' };
        call.call_id = toolCall.id;
        call.name = toolCall.function.name;
        out += event({
          type: 'response.output_item.added',
          sequence_number: sequence++,
          output_index: 0,
          item: call,
        });
      }
      const fragment = toolCall.function?.arguments;
      if (fragment) {
        call.arguments += fragment;
        out += event({
          type: 'response.function_call_arguments.delta',
          sequence_number: sequence++,
          item_id: itemId,
          output_index: 0,
          delta: fragment,
        });
      }
    }
  }
  const tool = body.tools.find((candidate) => candidate.name === call.name);
  let validate = validators.get(tool.name);
  if (!validate) {
    validate = ajv.compile(tool.parameters);
    validators.set(tool.name, validate);
  }
  if (!validate(JSON.parse(call.arguments))) throw new Error('arguments break the strict schema');
  const item = { ...call, status: 'completed' };
  out +=
    event({
      type: 'response.function_call_arguments.done',
      sequence_number: sequence++,
      item_id: itemId,
      output_index: 0,
      arguments: item.arguments,
    }) + event({ type: 'response.output_item.done', sequence_number: sequence++, output_index: 0, item });
  response.write(out);
  const final = {
    ...base,
    status: 'completed',
    output: [item],
    usage: usage && {
      input_tokens: usage.prompt_tokens,
      output_tokens: usage.completion_tokens,
      total_tokens: usage.total_tokens,
    },
  };
  await save({
    id,
    createdAt,
    previousId,
    inputItemsJson: JSON.stringify(inputItems),
    responseJson: JSON.stringify(final),
    items: [
      ...inputItems.map((inputItem, index) => [index, inputItem.id, null]),
      [inputItems.length, item.id, JSON.stringify(item)],
    ],
  });
  response.end(event({ type: 'response.completed', sequence_number: sequence++, response: final }));
}

const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (request, response) => {
  answer(request, response).catch((error) => {
    process.stderr.write(`floor: ${error.stack ?? error}\n`);
    if (response.headersSent) response.destroy();
    else response.writeHead(500).end();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  pool.close().finally(() => {
    database.close();
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
