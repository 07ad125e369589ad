import {
  ids,
  type ResponseObject,
  type ResponsesInputItem,
  type SerializedResponse,
  stringifyResponsesEvent,
} from '@toolbridge/core';
import type { RawData, WebSocket } from 'ws';
import { admitModelCall } from '../access/admit-model-call.js';
import type { ClientIdentity } from '../access/client-identity.js';
import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';
import { RequestAbort } from '../http/request-abort.js';
import type { RunContext } from '../pipeline/run-turn.js';
import type { GatewayDeps } from '../routes/gateway-deps.js';
import { refuseConversation } from '../routes/refuse-conversation.js';
import { prepareResponsesTurn, streamResponsesTurn } from '../routes/responses-create.js';
import { toInputResource } from '../state/to-input-resource.js';
import { ConnectionState } from './connection-state.js';
import { parseWebSocketMessage, readResponseCreate } from './read-response-create.js';
import { webSocketErrorEvent } from './websocket-error.js';

/** A turn's answer: the final Response when one was sent, and whether the socket went away meanwhile. */
type TurnOutcome = { final: ResponseObject | undefined; serialized: SerializedResponse | undefined };

/**
 * One WebSocket connection on `/v1/responses` (docs/open-responses.md#websocket-mode). Each
 * `response.create` message runs through the same preparation and pipeline as `POST /v1/responses`
 * with `stream: true`, and its events go out as one JSON message each, in the SSE stream's order and
 * numbering. Messages run one at a time, in arrival order; a message waits while a client reads slowly
 * (each batch waits for the socket to take the previous one). The connection remembers its latest
 * response for continuations (`ConnectionState`) and closes itself at the spec's time limit.
 */
export class ResponsesWebSocketSession {
  readonly #socket: WebSocket;
  /** Who opened the connection (its key's project and limits), for every turn on it. */
  readonly #client: ClientIdentity;
  readonly #deps: GatewayDeps;
  readonly #connectionId: string;
  readonly #state = new ConnectionState();
  readonly #queue: string[] = [];
  readonly #limitTimer: NodeJS.Timeout;
  #running: RequestAbort | null = null;
  #closed = false;
  #limitReached = false;

  constructor(
    socket: WebSocket,
    deps: GatewayDeps,
    { connectionId, client }: { connectionId: string; client: ClientIdentity },
  ) {
    this.#socket = socket;
    this.#deps = deps;
    this.#connectionId = connectionId;
    this.#client = client;
    this.#limitTimer = setTimeout(() => this.#reachLimit(), gatewayDefaults.websocket.maxConnectionMs);
    this.#limitTimer.unref();
    socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    socket.on('close', () => this.#onClosed());
    socket.on('error', () => this.#onClosed());
  }

  /** True while a response is being produced. */
  get busy(): boolean {
    return this.#running !== null;
  }

  /**
   * Ends the connection (gateway shutdown, time limit): the running turn is aborted. A client that does
   * not answer the close frame within a second is cut off, so shutdown never waits on it.
   */
  close(code = 1001, reason = 'gateway shutting down'): void {
    this.#onClosed();
    this.#socket.close(code, reason);
    setTimeout(() => this.#socket.terminate(), 1_000).unref();
  }

  #receive(data: RawData, isBinary: boolean): void {
    if (this.#closed || this.#limitReached) return;
    if (isBinary) {
      this.#send(webSocketErrorEvent(invalid('Send response.create messages as text frames of JSON.')));
      return;
    }
    if (this.#queue.length >= gatewayDefaults.websocket.maxQueuedMessages) {
      const message = `More than ${gatewayDefaults.websocket.maxQueuedMessages} messages are waiting on this connection; wait for a response to finish, or open another connection for parallel runs.`;
      this.#send(webSocketErrorEvent(new GatewayError({ code: 'rate_limit_exceeded', message })));
      return;
    }
    this.#queue.push(
      Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(toBuffers(data)).toString('utf8'),
    );
    if (this.#running === null) void this.#drain();
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#closed) {
      const text = this.#queue.shift() as string;
      await this.#runTurn(text);
    }
    if (this.#limitReached) this.#closeAtLimit();
  }

  async #runTurn(text: string): Promise<void> {
    const abort = new RequestAbort();
    this.#running = abort;
    const context: RunContext = {
      requestId: `${this.#connectionId}_${ids.request().slice(4, 12)}`,
      signal: abort,
      log: {},
      client: this.#client,
      debugLogger: this.#deps.logger.isLevelEnabled('debug') ? this.#deps.logger : null,
      startedAt: performance.now(),
      observer: this.#deps.observer,
    };
    const started = performance.now();
    let previous: string | null = null;
    let status = 200;
    try {
      const message = parseWebSocketMessage(text);
      const reference = message['previous_response_id'];
      previous = typeof reference === 'string' ? reference : null;
      const request = readResponseCreate(message, this.#deps.config.maxToolNameLength);
      refuseConversation(request);
      await admitModelCall(context, this.#deps, request.model);
      const held = previous === null ? undefined : this.#state.lookup(previous);
      const prepared = await prepareResponsesTurn(context, this.#deps, request, held);
      const { final } = await this.#stream(context, prepared);
      if (final !== undefined && final.status !== 'failed') {
        const conversation = [
          ...prepared.conversation.map(toInputResource),
          ...(final.output as ResponsesInputItem[]),
        ];
        this.#state.remember(final.id, conversation, request.store !== false);
      } else {
        status = 500;
        if (previous !== null) this.#state.evict(previous);
      }
    } catch (error) {
      if (previous !== null) this.#state.evict(previous);
      const event = webSocketErrorEvent(error);
      status = event.status;
      if (!this.#closed) await this.#sendAll([event]);
    } finally {
      this.#running = null;
      this.#log(context, status, started);
    }
  }

  async #stream(
    context: RunContext,
    prepared: Awaited<ReturnType<typeof prepareResponsesTurn>>,
  ): Promise<TurnOutcome> {
    const outcome: TurnOutcome = { final: undefined, serialized: undefined };
    const batches = await streamResponsesTurn(context, this.#deps, prepared, (serialized) => {
      outcome.final = serialized.value;
      outcome.serialized = serialized;
    });
    for await (const batch of batches) {
      if (this.#closed) break;
      await this.#sendAll(batch, outcome.serialized);
    }
    return outcome;
  }

  /** Sends each event as one message; resolves when the socket has taken the last (backpressure). */
  #sendAll(events: readonly object[], serialized?: SerializedResponse): Promise<void> {
    return new Promise((resolve) => {
      if (this.#closed || events.length === 0) {
        resolve();
        return;
      }
      events.forEach((event, index) => {
        const last = index === events.length - 1;
        this.#socket.send(stringifyResponsesEvent(event, serialized), last ? () => resolve() : undefined);
      });
    });
  }

  #send(event: object): void {
    if (!this.#closed) this.#socket.send(stringifyResponsesEvent(event));
  }

  #reachLimit(): void {
    this.#limitReached = true;
    this.#queue.length = 0;
    if (this.#running === null) this.#closeAtLimit();
  }

  #closeAtLimit(): void {
    if (this.#closed) return;
    const message = `This WebSocket connection reached its ${gatewayDefaults.websocket.maxConnectionMs / 60_000}-minute limit; open a new connection and continue with previous_response_id (stored responses) or the full input.`;
    this.#send({
      type: 'error',
      status: 400,
      error: {
        type: 'invalid_request_error',
        code: 'websocket_connection_limit_reached',
        message,
        param: null,
      },
    });
    this.close(1000, 'connection limit reached');
  }

  #onClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#limitTimer);
    this.#queue.length = 0;
    this.#running?.abort(new Error('client disconnected'));
  }

  #log(context: RunContext, status: number, started: number): void {
    const { logger } = this.#deps;
    if (!logger.isLevelEnabled('info')) return;
    const { log } = context;
    logger.info({
      requestId: context.requestId,
      route: 'responses.websocket',
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(log.provider !== undefined ? { provider: log.provider, model: log.model } : {}),
      ...(log.inputTokens !== undefined
        ? { inputTokens: log.inputTokens, outputTokens: log.outputTokens, cachedTokens: log.cachedTokens }
        : {}),
      ...(this.#closed ? { aborted: true } : {}),
    });
  }
}

function invalid(message: string): GatewayError {
  return new GatewayError({ code: 'invalid_request', message, openaiCode: 'invalid_request' });
}

function toBuffers(data: RawData): Buffer[] {
  if (Array.isArray(data)) return data;
  return [Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data)];
}
