import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A proxy that adds `previous_response_id` support in front of a stateless Responses backend. */
export interface StatefulResponsesProxy {
  baseURL: string;
  /** The request bodies the proxy received from the client, before expansion. */
  received: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

interface Stored {
  input: unknown[];
  output: unknown[];
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function inputItems(input: unknown): unknown[] {
  return typeof input === 'string' ? [{ role: 'user', content: input }] : Array.isArray(input) ? input : [];
}

/** The finished Response in a JSON body or in the `response.completed` event of an SSE body. */
function finalResponse(text: string): { id: string; output: unknown[] } | undefined {
  const bodies = text.trimStart().startsWith('{')
    ? [text]
    : text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6));
  for (const body of bodies.reverse()) {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const response = (parsed['type'] === 'response.completed' ? parsed['response'] : parsed) as Record<
      string,
      unknown
    >;
    if (response['object'] === 'response' && typeof response['id'] === 'string') {
      return { id: response['id'], output: response['output'] as unknown[] };
    }
  }
  return undefined;
}

function notFound(response: ServerResponse, id: string): void {
  response.writeHead(400, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      error: {
        message: `Previous response with id '${id}' not found.`,
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      },
    }),
  );
}

/**
 * A tiny stand-in for a stateful server (the gateway will be the real one): it stores each response's
 * input and output, expands `previous_response_id` into the full input, and forwards to `backendURL`.
 * Bodies are buffered; good enough for tests, never for production.
 */
export async function startStatefulResponsesProxy(backendURL: string): Promise<StatefulResponsesProxy> {
  const stored = new Map<string, Stored>();
  const received: Array<Record<string, unknown>> = [];
  const server = createServer(async (request, response) => {
    const body = await readJson(request);
    received.push(body);
    const previousId = body['previous_response_id'];
    const previous = typeof previousId === 'string' ? stored.get(previousId) : undefined;
    if (typeof previousId === 'string' && previous === undefined) return notFound(response, previousId);
    const { previous_response_id: _dropped, ...forwarded } = body;
    const input = [
      ...(previous ? [...previous.input, ...previous.output] : []),
      ...inputItems(body['input']),
    ];
    const upstream = await fetch(`${backendURL}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
      body: JSON.stringify({ ...forwarded, input }),
    });
    const text = await upstream.text();
    const final = upstream.ok ? finalResponse(text) : undefined;
    if (final !== undefined && body['store'] !== false) stored.set(final.id, { input, output: final.output });
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
